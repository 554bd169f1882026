# -*- coding: utf-8 -*-

name = 'anyio'

version = '4.16.0'

description = \
    """
    High-level concurrency and networking framework on top of asyncio or Trio
    """

requires = ['idna-2.8+']

variants = [['python-3.11', 'typing_extensions-4.16.0+']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164077

hashed_variants = True

is_pure_python = True

pip_name = 'anyio (4.16.0)'

from_pip = True

format_version = 2
