# -*- coding: utf-8 -*-

name = 'itsdangerous'

version = '2.2.0'

description = \
    """
    Safely pass data to untrusted environments and back.
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163686

hashed_variants = True

is_pure_python = True

pip_name = 'itsdangerous (2.2.0)'

from_pip = True

format_version = 2
