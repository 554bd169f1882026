# -*- coding: utf-8 -*-

name = 'urllib3'

version = '1.26.18'

description = \
    """
    HTTP library with thread-safe connection pooling, file post, and more.
    """

authors = ['Andrey Petrov andrey.petrov@shazow.net']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://urllib3.readthedocs.io/']]

timestamp = 1796164971

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'urllib3 (1.26.18)'

format_version = 2
