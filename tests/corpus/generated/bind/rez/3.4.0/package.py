# -*- coding: utf-8 -*-

name = 'rez'

version = '3.4.0'

requires = ['python-3.8+<3.14']

variants = [['platform-linux', 'arch-x86_64', 'os-Debian-12']]

def commands():
    env.PYTHONPATH.append('{this.root}')

timestamp = 1796163522

format_version = 2
