# -*- coding: utf-8 -*-

name = 'sphinxcontrib_devhelp'

version = '2.0.0'

description = \
    """
    sphinxcontrib-devhelp is a sphinx extension which outputs Devhelp documents
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164947

hashed_variants = True

is_pure_python = True

pip_name = 'sphinxcontrib-devhelp (2.0.0)'

from_pip = True

format_version = 2
