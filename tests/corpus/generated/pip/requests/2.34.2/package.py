# -*- coding: utf-8 -*-

name = 'requests'

version = '2.34.2'

description = 'Python HTTP for Humans.'

requires = [
    'idna-2.5+<4',
    'charset_normalizer-2+<4',
    'urllib3-1.26+<3',
    'certifi-2023.5.7+'
]

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163560

hashed_variants = True

is_pure_python = True

pip_name = 'requests (2.34.2)'

from_pip = True

format_version = 2
