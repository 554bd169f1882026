# -*- coding: utf-8 -*-

name = 'blinker'

version = '1.9.0'

description = \
    """
    Fast, simple object-to-object and broadcast signaling
    """

authors = ['Jason Kirtland']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163685

hashed_variants = True

is_pure_python = True

pip_name = 'blinker (1.9.0)'

from_pip = True

format_version = 2
