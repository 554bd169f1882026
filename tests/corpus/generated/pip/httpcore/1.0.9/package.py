# -*- coding: utf-8 -*-

name = 'httpcore'

version = '1.0.9'

description = 'A minimal low-level HTTP client.'

requires = [
    'h11-0.16+',
    'certifi'
]

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164078

hashed_variants = True

is_pure_python = True

pip_name = 'httpcore (1.0.9)'

from_pip = True

format_version = 2
