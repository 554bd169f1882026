# -*- coding: utf-8 -*-

name = 'Sphinx'

version = '9.0.4'

description = 'Python documentation generator'

tools = [
    'sphinx-apidoc',
    'sphinx-autogen',
    'sphinx-build',
    'sphinx-quickstart'
]

requires = [
    'snowballstemmer-2.2+',
    'sphinxcontrib_applehelp-1.0.7+',
    'sphinxcontrib_qthelp-1.0.6+',
    'sphinxcontrib_jsmath-1.0.1+',
    'sphinxcontrib_htmlhelp-2.0.6+',
    'sphinxcontrib_devhelp-1.0.6+',
    'alabaster-0.7.14+',
    'imagesize-1.3+',
    'packaging-23.0+',
    'docutils-0.20+<0.23',
    'requests-2.30.0+',
    'Jinja2-3.1+',
    'Pygments-2.17+',
    'babel-2.13+',
    'sphinxcontrib_serializinghtml-1.1.9+',
    'roman_numerals-1.0.0+'
]

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')
    env.PATH.append('{root}/bin')

timestamp = 1796164946

hashed_variants = True

is_pure_python = True

pip_name = 'Sphinx (9.0.4)'

from_pip = True

format_version = 2
