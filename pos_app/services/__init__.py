"""Use cases the UI calls: one user action, one service call (no Qt here)."""
