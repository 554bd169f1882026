name = 'timestamped'

version = "1.0.5"

timestamp = 8000
