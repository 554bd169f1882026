# -*- coding: utf-8 -*-

name = 'click'

version = '8.5.1'

description = \
    """
    Composable command line interface toolkit
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163685

hashed_variants = True

is_pure_python = True

pip_name = 'click (8.5.1)'

from_pip = True

format_version = 2
