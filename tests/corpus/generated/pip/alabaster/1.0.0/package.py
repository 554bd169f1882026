# -*- coding: utf-8 -*-

name = 'alabaster'

version = '1.0.0'

description = 'A light, configurable Sphinx theme'

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164941

hashed_variants = True

is_pure_python = True

pip_name = 'alabaster (1.0.0)'

from_pip = True

format_version = 2
