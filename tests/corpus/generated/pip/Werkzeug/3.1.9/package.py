# -*- coding: utf-8 -*-

name = 'Werkzeug'

version = '3.1.9'

description = \
    """
    The comprehensive WSGI web application library.
    """

requires = ['MarkupSafe-2.1.1+']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163687

hashed_variants = True

is_pure_python = True

pip_name = 'Werkzeug (3.1.9)'

from_pip = True

format_version = 2
