# -*- coding: utf-8 -*-

name = 'arch'

version = 'x86_64'

timestamp = 1796165567

format_version = 2
