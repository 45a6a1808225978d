"""Revisions of the central database schema; each mirrors `sync.server.models`."""
