# -*- coding: utf-8 -*-

name = 'imagesize'

version = '2.0.1'

description = \
    """
    Get image size from headers (BMP/PNG/JPEG/JPEG2000/GIF/TIFF/SVG/Netpbm/WebP/AVIF/HEIC/HEIF)
    """

variants = [['python-3.11']]

def commands():
    env.PYTHONPATH.append('{root}/python')

timestamp = 1796164944

hashed_variants = True

is_pure_python = True

pip_name = 'imagesize (2.0.1)'

from_pip = True

format_version = 2
