# -*- coding: utf-8 -*-

name = 'MarkupSafe'

version = '3.0.4'

description = \
    """
    Safely add untrusted strings to HTML/XML markup.
    """

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163687

hashed_variants = True

is_pure_python = False

pip_name = 'MarkupSafe (3.0.4)'

from_pip = True

format_version = 2
