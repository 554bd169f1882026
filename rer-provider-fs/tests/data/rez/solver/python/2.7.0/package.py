name = "python"
version = "2.7.0"
