# -*- coding: utf-8 -*-

name = 'python_dateutil'

version = '2.9.0.post0'

description = \
    """
    Extensions to the standard Python datetime module
    """

authors = ['Gustavo Niemeyer gustavo@niemeyer.net']

requires = ['six-1.5+']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/dateutil/dateutil']]

timestamp = 1796164837

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'python-dateutil (2.9.0.post0)'

format_version = 2
