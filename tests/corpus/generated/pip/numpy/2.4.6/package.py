# -*- coding: utf-8 -*-

name = 'numpy'

version = '2.4.6'

description = \
    """
    Fundamental package for array computing in Python
    """

authors = ['Travis E. Oliphant et al.']

tools = [
    'f2py',
    'numpy-config'
]

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164638

hashed_variants = True

is_pure_python = False

pip_name = 'numpy (2.4.6)'

from_pip = True

format_version = 2
