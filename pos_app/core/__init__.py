"""Pure-Python domain core: money, barcodes, catalog, cart, tenders, sales.

Nothing here imports Qt, SQLAlchemy or any other project package, so the rules
can be tested and reused without a screen or a database.
"""
