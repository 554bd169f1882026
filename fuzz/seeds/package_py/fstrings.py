x = f'{a!r:>{w}}' f'{{}}' f'{b[1]:{c}}'
requires = ['a\N{HYPHEN-MINUS}b']
