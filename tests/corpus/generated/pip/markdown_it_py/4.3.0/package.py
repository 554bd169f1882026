# -*- coding: utf-8 -*-

name = 'markdown_it_py'

version = '4.3.0'

description = \
    """
    Python port of markdown-it. Markdown parsing, done right!
    """

tools = ['markdown-it']

requires = ['mdurl-0.1+<1']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796163955

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'markdown-it-py (4.3.0)'

format_version = 2
