# -*- coding: utf-8 -*-

name = 'idna'

version = '3.20'

description = \
    """
    Internationalized Domain Names in Applications (IDNA)
    """

tools = ['idna']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796163559

hashed_variants = True

from_pip = True

pip_name = 'idna (3.20)'

is_pure_python = True

format_version = 2
