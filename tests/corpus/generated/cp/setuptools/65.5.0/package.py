# -*- coding: utf-8 -*-

name = 'setuptools'

version = '65.5.0'

variants = [['platform-linux', 'arch-x86_64', 'os-Debian-12', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{this.root}/python')

timestamp = 1796165563

format_version = 2
