# -*- coding: utf-8 -*-

name = 'requests'

version = '2.25.1'

description = 'Python HTTP for Humans.'

authors = ['Kenneth Reitz me@kennethreitz.org']

requires = [
    'idna-2.5+<3',
    'certifi-2017.4.17+',
    'urllib3-1.21.1+<1.27',
    'chardet-3.0.2+<5'
]

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://requests.readthedocs.io']]

timestamp = 1796163609

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'requests (2.25.1)'

format_version = 2
