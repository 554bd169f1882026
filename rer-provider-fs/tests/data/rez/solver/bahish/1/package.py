name = "bahish"
version = "1"

requires = ["!pybah-4"]
