# -*- coding: utf-8 -*-

name = 'pycparser'

version = '3.12'

description = 'C parser in Python'

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164730

hashed_variants = True

pip_name = 'pycparser (3.12)'

is_pure_python = True

from_pip = True

format_version = 2
