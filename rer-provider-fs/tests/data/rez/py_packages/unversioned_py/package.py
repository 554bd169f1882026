name = 'unversioned_py'
