# -*- coding: utf-8 -*-

name = 'jmespath'

version = '1.1.0'

description = 'JSON Matching Expressions'

authors = ['James Saryerwinnie js@jamesls.com']

tools = ['jp.py']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

help = [['Home Page', 'https://github.com/jmespath/jmespath.py']]

timestamp = 1796164837

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'jmespath (1.1.0)'

format_version = 2
