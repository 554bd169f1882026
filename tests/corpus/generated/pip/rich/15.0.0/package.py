# -*- coding: utf-8 -*-

name = 'rich'

version = '15.0.0'

description = \
    """
    Render rich text, tables, progress bars, syntax highlighting, markdown and more to the terminal
    """

authors = ['Will McGugan willmcgugan@gmail.com']

requires = [
    'markdown_it_py-2.2.0+',
    'Pygments-2.13.0+<3.0.0'
]

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796163957

hashed_variants = True

is_pure_python = True

from_pip = True

pip_name = 'rich (15.0.0)'

format_version = 2
