# -*- coding: utf-8 -*-

name = 'urllib3'

version = '2.8.0'

description = \
    """
    HTTP library with thread-safe connection pooling, file post, and more.
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163560

hashed_variants = True

from_pip = True

pip_name = 'urllib3 (2.8.0)'

is_pure_python = True

format_version = 2
