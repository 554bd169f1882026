# -*- coding: utf-8 -*-

name = 'pydantic'

version = '2.14.4'

description = 'Data validation using Python type hints'

requires = [
    'typing_extensions-4.16.0+',
    'annotated_types-0.6.0+',
    'typing_inspection-0.4.4+',
    'pydantic_core-2.50.5+<2.50.5.1'
]

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164041

hashed_variants = True

pip_name = 'pydantic (2.14.4)'

from_pip = True

is_pure_python = True

format_version = 2
