# -*- coding: utf-8 -*-

name = 'certifi'

version = '2026.10.19.post1'

description = \
    """
    Python package for providing Mozilla's CA Bundle.
    """

authors = ['Kenneth Reitz me@kennethreitz.com']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/certifi/python-certifi']]

timestamp = 1796163559

hashed_variants = True

from_pip = True

pip_name = 'certifi (2026.10.19.post1)'

is_pure_python = True

format_version = 2
