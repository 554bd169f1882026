# -*- coding: utf-8 -*-

name = 'os'

version = 'Debian-12'

requires = [
    'platform-linux',
    'arch-x86_64'
]

timestamp = 1796163467

format_version = 2
