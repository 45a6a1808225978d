"""The till's side of sync: an HTTP session, the outbox pump and the change puller.

It knows the protocol and nothing of the till's storage: the till hands in
objects implementing the small ports in `ports.py`.
"""
