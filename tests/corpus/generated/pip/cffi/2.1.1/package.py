# -*- coding: utf-8 -*-

name = 'cffi'

version = '2.1.1'

description = \
    """
    Foreign Function Interface for Python calling C code.
    """

authors = ['Armin Rigo, Maciej Fijalkowski']

tools = ['cffi-gen-src']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11', 'pycparser']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164729

hashed_variants = True

pip_name = 'cffi (2.1.1)'

is_pure_python = False

from_pip = True

format_version = 2
