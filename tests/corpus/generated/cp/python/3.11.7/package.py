# -*- coding: utf-8 -*-

name = 'python'

version = '3.11.7'

tools = ['python']

variants = [['platform-linux', 'arch-x86_64', 'os-Debian-12']]

def commands():
    env.PATH.append('{this.root}/bin')

def post_commands():
    # these are the builtin modules for this python executable. If we don't
    # include these, some python behavior can be incorrect.
    import os
    import os.path
    
    path = os.path.join(this.root, "python")  # noqa
    for dirname in os.listdir(path):
        path_ = os.path.join(path, dirname)
        env.PYTHONPATH.append(path_)

timestamp = 1796165556

format_version = 2
