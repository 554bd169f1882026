name = 'single_versioned'
versions = ["3.5"]
