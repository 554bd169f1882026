# -*- coding: utf-8 -*-

name = 'platform'

version = 'linux'

timestamp = 1796163466

format_version = 2
