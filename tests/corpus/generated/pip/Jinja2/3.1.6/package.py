# -*- coding: utf-8 -*-

name = 'Jinja2'

version = '3.1.6'

description = \
    """
    A very fast and expressive template engine.
    """

requires = ['MarkupSafe-2.0+']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163686

hashed_variants = True

is_pure_python = True

pip_name = 'Jinja2 (3.1.6)'

from_pip = True

format_version = 2
