# -*- coding: utf-8 -*-

name = 'babel'

version = '2.19.0'

description = 'Internationalization utilities'

tools = ['pybabel']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164942

hashed_variants = True

is_pure_python = True

pip_name = 'babel (2.19.0)'

from_pip = True

format_version = 2
