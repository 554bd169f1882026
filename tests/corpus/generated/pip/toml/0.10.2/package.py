# -*- coding: utf-8 -*-

name = 'toml'

version = '0.10.2'

description = \
    """
    Python Library for Tom's Obvious, Minimal Language
    """

authors = ['William Pearson uiri@xqz.ca']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/uiri/toml']]

timestamp = 1796164326

hashed_variants = True

from_pip = True

pip_name = 'toml (0.10.2)'

is_pure_python = True

format_version = 2
