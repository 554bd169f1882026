# -*- coding: utf-8 -*-

name = 'sphinxcontrib_serializinghtml'

version = '2.0.0'

description = \
    """
    sphinxcontrib-serializinghtml is a sphinx extension which outputs \"serialized\" HTML files (json and pickle)
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164948

hashed_variants = True

is_pure_python = True

pip_name = 'sphinxcontrib-serializinghtml (2.0.0)'

from_pip = True

format_version = 2
