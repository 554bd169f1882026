# -*- coding: utf-8 -*-

name = 'sphinxcontrib_htmlhelp'

version = '2.1.0'

description = \
    """
    sphinxcontrib-htmlhelp is a sphinx extension which renders HTML help files
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164947

hashed_variants = True

is_pure_python = True

pip_name = 'sphinxcontrib-htmlhelp (2.1.0)'

from_pip = True

format_version = 2
