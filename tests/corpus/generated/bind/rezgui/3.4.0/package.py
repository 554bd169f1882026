# -*- coding: utf-8 -*-

name = 'rezgui'

version = '3.4.0'

tools = ['rez-gui']

requires = [
    'rez-3.4+<4',
    'PyQt-4'
]

variants = [['platform-linux', 'arch-x86_64', 'os-Debian-12']]

def commands():
    env.PYTHONPATH.append('{this.root}')
    env.PATH.append('{this.root}/bin')

timestamp = 1796163522

format_version = 2
