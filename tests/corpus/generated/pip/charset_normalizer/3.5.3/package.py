# -*- coding: utf-8 -*-

name = 'charset_normalizer'

version = '3.5.3'

description = \
    """
    The Real First Universal Charset Detector. Open, modern and actively maintained alternative to Chardet.
    """

tools = ['normalizer']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796163559

hashed_variants = True

from_pip = True

pip_name = 'charset-normalizer (3.5.3)'

is_pure_python = False

format_version = 2
