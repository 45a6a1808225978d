"""Receipts, from a sale to printer bytes, with no Qt and no database:

document (what a receipt says) → layout (Jinja2 templates in resources/receipts
rendered to markup, fitted to 32/42/48 columns) → escpos_encoder (ESC/POS bytes
for a printer profile); escpos_decoder reads bytes back, and preview draws them.
"""
