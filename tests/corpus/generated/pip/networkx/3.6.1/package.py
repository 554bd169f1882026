# -*- coding: utf-8 -*-

name = 'networkx'

version = '3.6.1'

description = \
    """
    Python package for creating and manipulating graphs and networks
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164517

hashed_variants = True

from_pip = True

pip_name = 'networkx (3.6.1)'

is_pure_python = True

format_version = 2
