# -*- coding: utf-8 -*-

name = 'tzdata'

version = '2026.6'

description = 'Provider of IANA time zone data'

authors = ['Python Software Foundation datetime-sig@python.org']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/python/tzdata']]

timestamp = 1796164398

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'tzdata (2026.6)'

format_version = 2
