# -*- coding: utf-8 -*-

name = 'roman_numerals'

version = '4.1.0'

description = 'Manipulate well-formed Roman numerals'

authors = ['Adam Turner']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164946

hashed_variants = True

is_pure_python = True

pip_name = 'roman-numerals (4.1.0)'

from_pip = True

format_version = 2
