# -*- coding: utf-8 -*-

name = 'pillow'

version = '13.0.0'

description = 'Python Imaging Library (fork)'

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164652

hashed_variants = True

is_pure_python = False

pip_name = 'pillow (13.0.0)'

from_pip = True

format_version = 2
