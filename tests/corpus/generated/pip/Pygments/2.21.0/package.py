# -*- coding: utf-8 -*-

name = 'Pygments'

version = '2.21.0'

description = \
    """
    Pygments is a syntax highlighting package written in Python.
    """

tools = ['pygmentize']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796163881

hashed_variants = True

from_pip = True

is_pure_python = True

pip_name = 'Pygments (2.21.0)'

format_version = 2
