name = "nada"
