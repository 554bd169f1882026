# -*- coding: utf-8 -*-

name = 'mdurl'

version = '0.1.2'

description = 'Markdown URL utilities'

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163956

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'mdurl (0.1.2)'

format_version = 2
