# -*- coding: utf-8 -*-

name = 'typing_extensions'

version = '4.16.0'

description = \
    """
    Backported and Experimental Type Hints for Python 3.9+
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164042

hashed_variants = True

pip_name = 'typing_extensions (4.16.0)'

from_pip = True

is_pure_python = True

format_version = 2
