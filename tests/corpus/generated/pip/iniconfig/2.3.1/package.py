# -*- coding: utf-8 -*-

name = 'iniconfig'

version = '2.3.1'

description = 'brain-dead simple config-ini parsing'

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163879

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'iniconfig (2.3.1)'

format_version = 2
