"""Getting receipt bytes to a printer: connection strings, python-escpos
transports used for one write per job, and coded printer errors."""
