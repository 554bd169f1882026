# -*- coding: utf-8 -*-

name = 'annotated_types'

version = '0.8.0'

description = \
    """
    Reusable constraint types to use with typing.Annotated
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164040

hashed_variants = True

pip_name = 'annotated-types (0.8.0)'

from_pip = True

is_pure_python = True

format_version = 2
