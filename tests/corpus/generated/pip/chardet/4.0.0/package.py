# -*- coding: utf-8 -*-

name = 'chardet'

version = '4.0.0'

description = \
    """
    Universal encoding detector for Python 2 and 3
    """

authors = ['Mark Pilgrim mark@diveintomark.org']

tools = ['chardetect']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

help = [['Home Page', 'https://github.com/chardet/chardet']]

timestamp = 1796163608

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'chardet (4.0.0)'

format_version = 2
