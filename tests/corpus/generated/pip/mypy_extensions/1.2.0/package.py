# -*- coding: utf-8 -*-

name = 'mypy_extensions'

version = '1.2.0'

description = \
    """
    Type system extensions for programs checked with the mypy type checker.
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164764

hashed_variants = True

from_pip = True

pip_name = 'mypy_extensions (1.2.0)'

is_pure_python = True

format_version = 2
