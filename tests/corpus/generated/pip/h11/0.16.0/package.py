# -*- coding: utf-8 -*-

name = 'h11'

version = '0.16.0'

description = \
    """
    A pure-Python, bring-your-own-I/O implementation of HTTP/1.1
    """

authors = ['Nathaniel J. Smith njs@pobox.com']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/python-hyper/h11']]

timestamp = 1796164078

hashed_variants = True

is_pure_python = True

pip_name = 'h11 (0.16.0)'

from_pip = True

format_version = 2
