# -*- coding: utf-8 -*-

name = 'pytest'

version = '9.2.0'

description = \
    """
    pytest: simple powerful testing with Python
    """

authors = \
    ['Brianna Laugher, Bruno Oliveira, Floris Bruynooghe, Freya Bruhin, Holger '
     'Krekel, Others (See AUTHORS), Ronny Pfannschmidt']

tools = [
    'py.test',
    'pytest'
]

requires = [
    'packaging-24+',
    'iniconfig-2+',
    'Pygments-2.15+',
    'pluggy-1.6+<2'
]

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796163883

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'pytest (9.2.0)'

format_version = 2
