# -*- coding: utf-8 -*-

name = 'psutil'

version = '7.2.2'

description = \
    """
    Cross-platform lib for process and system monitoring.
    """

authors = ['Giampaolo Rodola g.rodola@gmail.com']

variants = [['platform-linux', 'arch-x86_64', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

help = [['Home Page', 'https://github.com/giampaolo/psutil']]

timestamp = 1796164484

hashed_variants = True

pip_name = 'psutil (7.2.2)'

is_pure_python = False

from_pip = True

format_version = 2
