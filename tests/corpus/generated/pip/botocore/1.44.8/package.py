# -*- coding: utf-8 -*-

name = 'botocore'

version = '1.44.8'

description = 'Low-level, data-driven core of boto 3.'

authors = ['Amazon Web Services']

requires = [
    'python_dateutil-2.1+<3.0.0',
    'jmespath-0.7.1+<2.0.0',
    'urllib3-1.25.4+<2.2.0|2.2.0.1+<3'
]

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/boto/botocore']]

timestamp = 1796164833

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'botocore (1.44.8)'

format_version = 2
