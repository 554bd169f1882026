# -*- coding: utf-8 -*-

name = 'Flask'

version = '3.1.3'

description = \
    """
    A simple framework for building complex web applications.
    """

tools = ['flask']

requires = [
    'Jinja2-3.1.2+',
    'Werkzeug-3.1.0+',
    'itsdangerous-2.2.0+',
    'blinker-1.9.0+',
    'click-8.1.3+',
    'MarkupSafe-2.1.1+'
]

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796163686

hashed_variants = True

is_pure_python = True

pip_name = 'Flask (3.1.3)'

from_pip = True

format_version = 2
