# -*- coding: utf-8 -*-

name = 'snowballstemmer'

version = '3.1.1'

description = \
    """
    This package provides 36 stemmers for 34 languages generated from Snowball algorithms.
    """

authors = ['Snowball Developers snowball-discuss@lists.tartarus.org']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/snowballstem/snowball']]

timestamp = 1796164946

hashed_variants = True

is_pure_python = True

pip_name = 'snowballstemmer (3.1.1)'

from_pip = True

format_version = 2
