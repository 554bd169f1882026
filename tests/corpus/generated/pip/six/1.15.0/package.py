# -*- coding: utf-8 -*-

name = 'six'

version = '1.15.0'

description = 'Python 2 and 3 compatibility utilities'

authors = ['Benjamin Peterson benjamin@python.org']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/benjaminp/six']]

timestamp = 1796163818

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'six (1.15.0)'

format_version = 2
