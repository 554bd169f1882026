# -*- coding: utf-8 -*-

name = 'cryptography'

version = '50.0.2'

description = \
    """
    cryptography is a package which provides cryptographic recipes and primitives to Python developers.
    """

variants = [['platform-linux', 'arch-x86_64', 'python-3.11', 'cffi-2.0.0+']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164730

hashed_variants = True

pip_name = 'cryptography (50.0.2)'

is_pure_python = False

from_pip = True

format_version = 2
