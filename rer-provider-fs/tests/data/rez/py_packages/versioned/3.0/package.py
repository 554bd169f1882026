name = 'versioned'
version = '3.0'

def commands() -> None:
    env.PATH.append("{root}/bin")
