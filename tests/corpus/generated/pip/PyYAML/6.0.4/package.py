# -*- coding: utf-8 -*-

name = 'PyYAML'

version = '6.0.4'

description = 'YAML parser and emitter for Python'

authors = ['Kirill Simonov xi@resolvent.net']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [
    ['Home Page', 'https://pyyaml.org/'],
    ['Source Code', 'https://pypi.org/project/PyYAML/']
]

timestamp = 1796163781

hashed_variants = True

is_pure_python = False

from_pip = True

pip_name = 'PyYAML (6.0.4)'

format_version = 2
