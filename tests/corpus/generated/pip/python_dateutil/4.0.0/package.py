# -*- coding: utf-8 -*-

name = 'python_dateutil'

version = '4.0.0'

description = \
    """
    Extensions to the standard Python datetime module
    """

requires = ['tzdata']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164398

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'python-dateutil (4.0.0)'

format_version = 2
