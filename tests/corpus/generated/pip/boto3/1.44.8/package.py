# -*- coding: utf-8 -*-

name = 'boto3'

version = '1.44.8'

description = 'The AWS SDK for Python (Boto3)'

authors = ['Amazon Web Services']

requires = [
    'botocore-1.44.8+<1.45.0',
    's3transfer-0.19.0+<0.20.0',
    'jmespath-0.7.1+<2.0.0'
]

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/boto/boto3']]

timestamp = 1796164832

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'boto3 (1.44.8)'

format_version = 2
