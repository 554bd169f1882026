# -*- coding: utf-8 -*-

name = 'pathspec'

version = '1.1.1'

description = \
    """
    Utility library for gitignore style pattern matching of file paths.
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164764

hashed_variants = True

from_pip = True

pip_name = 'pathspec (1.1.1)'

is_pure_python = True

format_version = 2
