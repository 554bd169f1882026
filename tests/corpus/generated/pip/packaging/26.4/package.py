# -*- coding: utf-8 -*-

name = 'packaging'

version = '26.4'

description = 'Core utilities for Python packages'

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163880

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'packaging (26.4)'

format_version = 2
