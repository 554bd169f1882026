# -*- coding: utf-8 -*-

name = 'pytokens'

version = '0.4.1'

description = \
    """
    A Fast, spec compliant Python 3.14+ tokenizer that runs on older Pythons.
    """

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164765

hashed_variants = True

from_pip = True

pip_name = 'pytokens (0.4.1)'

is_pure_python = False

format_version = 2
