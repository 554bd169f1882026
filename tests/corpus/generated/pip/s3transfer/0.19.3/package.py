# -*- coding: utf-8 -*-

name = 's3transfer'

version = '0.19.3'

description = 'An Amazon S3 Transfer Manager'

authors = ['Amazon Web Services kyknapp1@gmail.com']

requires = ['botocore-1.37.4+<2.0.a0']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/boto/s3transfer']]

timestamp = 1796164837

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 's3transfer (0.19.3)'

format_version = 2
