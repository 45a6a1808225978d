"""Dialogs of the checkout."""
