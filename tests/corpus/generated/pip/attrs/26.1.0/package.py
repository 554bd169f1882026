# -*- coding: utf-8 -*-

name = 'attrs'

version = '26.1.0'

description = 'Classes Without Boilerplate'

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163833

hashed_variants = True

pip_name = 'attrs (26.1.0)'

is_pure_python = True

from_pip = True

format_version = 2
