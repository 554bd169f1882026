# -*- coding: utf-8 -*-

name = 'black'

version = '26.10.1'

description = 'The uncompromising code formatter.'

tools = [
    'black',
    'blackd'
]

requires = [
    'packaging-22.0+',
    'click-8.0.0+',
    'platformdirs-2+',
    'pytokens-0.4.0+<0.5',
    'pathspec-1.0.0+',
    'mypy_extensions-0.4.3+'
]

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164763

hashed_variants = True

from_pip = True

pip_name = 'black (26.10.1)'

is_pure_python = False

format_version = 2
