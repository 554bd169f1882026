# -*- coding: utf-8 -*-

name = 'platformdirs'

version = '4.14.9'

description = \
    """
    A small Python package for determining appropriate platform-specific dirs, e.g. a `user data dir`.
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164764

hashed_variants = True

from_pip = True

pip_name = 'platformdirs (4.14.9)'

is_pure_python = True

format_version = 2
