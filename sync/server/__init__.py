"""The central server of 源仓收银: a FastAPI application over SQLite or PostgreSQL.

It is the authority on points balances, the catalog the tills pull, and the
terminals allowed to push. `yuancang-central` (see `__main__`, its handlers
in `cli`) migrates, loads demo data, enrolls terminals and serves;
`app.create_app` builds the ASGI application. docs/sync-protocol.md
describes the wire protocol.
"""
