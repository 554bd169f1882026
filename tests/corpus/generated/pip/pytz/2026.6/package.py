# -*- coding: utf-8 -*-

name = 'pytz'

version = '2026.6'

description = \
    """
    World timezone definitions, modern and historical
    """

authors = ['Stuart Bishop stuart@stuartbishop.net']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [
    ['Home Page', 'http://pythonhosted.org/pytz'],
    ['Source Code', 'https://pypi.org/project/pytz/']
]

timestamp = 1796164426

hashed_variants = True

is_pure_python = True

pip_name = 'pytz (2026.6)'

from_pip = True

format_version = 2
