# -*- coding: utf-8 -*-

name = 'mpmath'

version = '1.3.0'

description = \
    """
    Python library for arbitrary-precision floating-point arithmetic
    """

authors = ['Fredrik Johansson fredrik.johansson@gmail.com']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'http://mpmath.org/']]

timestamp = 1796164607

hashed_variants = True

pip_name = 'mpmath (1.3.0)'

from_pip = True

is_pure_python = True

format_version = 2
