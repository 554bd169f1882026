# -*- coding: utf-8 -*-

name = 'sphinxcontrib_applehelp'

version = '2.0.0'

description = \
    """
    sphinxcontrib-applehelp is a Sphinx extension which outputs Apple help books
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164947

hashed_variants = True

is_pure_python = True

pip_name = 'sphinxcontrib-applehelp (2.0.0)'

from_pip = True

format_version = 2
