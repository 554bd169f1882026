# -*- coding: utf-8 -*-

name = 'SQLAlchemy'

version = '2.1.9'

description = 'Database Abstraction Library'

requires = ['typing_extensions-4.6.0+']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164156

hashed_variants = True

from_pip = True

pip_name = 'SQLAlchemy (2.1.9)'

is_pure_python = False

format_version = 2
