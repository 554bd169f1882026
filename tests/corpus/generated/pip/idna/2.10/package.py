# -*- coding: utf-8 -*-

name = 'idna'

version = '2.10'

description = \
    """
    Internationalized Domain Names in Applications (IDNA)
    """

authors = ['Kim Davies kim@cynosure.com.au']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/kjd/idna']]

timestamp = 1796163609

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'idna (2.10)'

format_version = 2
