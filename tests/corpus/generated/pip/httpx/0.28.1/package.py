# -*- coding: utf-8 -*-

name = 'httpx'

version = '0.28.1'

description = 'The next generation HTTP client.'

tools = ['httpx']

requires = [
    'idna',
    'certifi',
    'anyio',
    'httpcore-1'
]

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164078

hashed_variants = True

is_pure_python = True

pip_name = 'httpx (0.28.1)'

from_pip = True

format_version = 2
