# -*- coding: utf-8 -*-

name = 'lxml'

version = '6.1.3'

description = \
    """
    Powerful and Pythonic XML processing library combining libxml2/libxslt with the ElementTree API.
    """

authors = ['lxml dev team lxml@lxml.de']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://lxml.de/']]

timestamp = 1796164676

hashed_variants = True

is_pure_python = False

pip_name = 'lxml (6.1.3)'

from_pip = True

format_version = 2
