# -*- coding: utf-8 -*-

name = 'pydantic_core'

version = '2.50.5'

description = \
    """
    Core functionality for Pydantic validation and serialization
    """

requires = ['typing_extensions-4.16.0+']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/pydantic/pydantic']]

timestamp = 1796164041

hashed_variants = True

pip_name = 'pydantic_core (2.50.5)'

from_pip = True

is_pure_python = False

format_version = 2
