# -*- coding: utf-8 -*-

name = 'pluggy'

version = '1.7.0'

description = \
    """
    plugin and hook calling mechanisms for python
    """

authors = ['Holger Krekel']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163880

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'pluggy (1.7.0)'

format_version = 2
