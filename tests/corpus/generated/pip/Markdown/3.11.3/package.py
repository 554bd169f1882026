# -*- coding: utf-8 -*-

name = 'Markdown'

version = '3.11.3'

description = \
    """
    Python implementation of John Gruber's Markdown.
    """

authors = ['Manfred Stienstra, Yuri Takhteyev Waylan limberg <python.markdown@gmail.com>']

tools = ['markdown_py']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164452

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'Markdown (3.11.3)'

format_version = 2
