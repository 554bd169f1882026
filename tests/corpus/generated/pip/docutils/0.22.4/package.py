# -*- coding: utf-8 -*-

name = 'docutils'

version = '0.22.4'

description = \
    """
    Docutils -- Python Documentation Utilities
    """

tools = [
    'docutils',
    'rst2html',
    'rst2html4',
    'rst2html5',
    'rst2latex',
    'rst2man',
    'rst2odt',
    'rst2pseudoxml',
    'rst2s5',
    'rst2xetex',
    'rst2xml'
]

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164944

hashed_variants = True

is_pure_python = True

pip_name = 'docutils (0.22.4)'

from_pip = True

format_version = 2
