# -*- coding: utf-8 -*-

name = 'pip'

version = '23.2.1'

tools = ['pip']

variants = [['platform-linux', 'arch-x86_64', 'os-Debian-12', 'python-3.11']]

def commands():
    env.PYTHONPATH.append('{this.root}/python')
    env.PATH.append('{this.root}/bin')

timestamp = 1796165559

format_version = 2
