# -*- coding: utf-8 -*-

name = 'platform'

version = 'linux'

timestamp = 1796165565

format_version = 2
