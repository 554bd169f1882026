# -*- coding: utf-8 -*-

name = 'tqdm'

version = '4.70.1'

description = 'Fast, Extensible Progress Meter'

tools = ['tqdm']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164362

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'tqdm (4.70.1)'

format_version = 2
