"""Builders for the portal's promotions pages in tests: the signed-in client (an
operations user and a property company's user exist), the form's anti-forgery
value read from a page, posting the create form, and what the server stored."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from sqlalchemy import select

from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from sync.server import promotions as promos
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.models.changes import Change
from sync.server.portal import accounts

PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
FORM = {"content-type": "application/x-www-form-urlencoded"}
Fields = Mapping[str, str | Sequence[str]]


def portal_client(db_url: str, db: Database) -> Iterator[TestClient]:
    with db.write() as session:
        accounts.add_user(
            session, username="p001-finance", password=PASSWORD, role="property-company",
            company_id="P001", now=NOW,
        )  # fmt: skip
        accounts.add_user(
            session, username="ops-li", password=PASSWORD, role="operations", company_id=None,
            now=NOW,
        )  # fmt: skip
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        yield client


def sign_in(web: TestClient, username: str) -> None:
    web.cookies.clear()
    done = web.post(
        "/portal/login", data={"username": username, "password": PASSWORD}, follow_redirects=False
    )
    assert done.status_code == 303, done.text


def promo_token(html: str) -> str:
    """The promotions forms' anti-forgery value (the page's last form value: the
    header's sign-out form comes first and has another purpose)."""
    found: list[str] = re.findall(r'name="form" value="([0-9a-f]{64})"', html)
    assert len(found) >= 2 and found[-1] != found[0], found
    return found[-1]


def post_form(web: TestClient, path: str, fields: Fields, *, token: str | None = None) -> Any:
    """POST `fields` (a list: every value) with the page's anti-forgery value."""
    if token is None:
        token = promo_token(web.get("/portal/promotions/new").text)
    body: list[tuple[str, str]] = [("form", token)]
    for name, value in fields.items():
        for one in [value] if isinstance(value, str) else value:
            body.append((name, one))
    return web.post(path, content=urlencode(body).encode(), headers=FORM, follow_redirects=False)


def stored(db: Database, promo_id: str) -> promos.PromotionView | None:
    with db.read() as session:
        return next((v for v in promos.list_promotions(session) if v.id == promo_id), None)


def canonical(wire: Mapping[str, Any]) -> dict[str, Any]:
    """What the server stores for this wire definition (the codec's canonical dict)."""
    return promotion_to_dict(promotion_from_dict(dict(wire)))


def last_change(db: Database, promo_id: str) -> dict[str, Any] | None:
    """The change feed's newest "promotion" change of `promo_id` (its data), if any."""
    with db.read() as session:
        data = session.scalars(
            select(Change.data)
            .where(Change.kind == "promotion", Change.key == promo_id)
            .order_by(Change.seq.desc())
        ).first()
    return None if data is None else dict(json.loads(data))


def error_text(html: str) -> str:
    found = re.search(r'id="error">([^<]*)<', html)
    assert found is not None, html[:2000]
    return found.group(1)
