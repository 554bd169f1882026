# -*- coding: utf-8 -*-

name = 'click'

version = '7.1.2'

description = \
    """
    Composable command line interface toolkit
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://palletsprojects.com/p/click/']]

timestamp = 1796163719

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'click (7.1.2)'

format_version = 2
