name = 'single_unversioned'
