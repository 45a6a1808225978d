"""The wire protocol between tills and the central server (version 1).

Imported by both sides and importing neither: pydantic models of every
request, response and outbox payload. docs/sync-protocol.md describes it
with examples.
"""

PROTOCOL_VERSION = 1
API_PREFIX = "/api/v1"
