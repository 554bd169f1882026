# -*- coding: utf-8 -*-

name = 'typing_inspection'

version = '0.4.5'

description = 'Runtime typing introspection tools'

requires = ['typing_extensions-4.15.0+']

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164042

hashed_variants = True

pip_name = 'typing-inspection (0.4.5)'

from_pip = True

is_pure_python = True

format_version = 2
