"""源仓收银 point-of-sale application."""
