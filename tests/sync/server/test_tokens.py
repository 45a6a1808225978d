"""`yuancang-central token issue|revoke|list`: API credentials by role, hashed, revocable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from sync.server.__main__ import main
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.models.terminals import ApiToken


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_issue_use_list_and_revoke_a_company_token(
    sqlite_demo_url: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_demo_url()
    code, out, err = _run(capsys, "token", "issue", "--role", "property-company",
                          "--company", "P001", "--label", "物业 finance", "--db", url)  # fmt: skip
    token = out.strip()
    assert code == 0 and token.startswith("yca1_") and len(token) == 5 + 43
    assert "shown once" in err and token not in err
    db = Database(url)
    with db.read() as session:
        row = session.execute(select(ApiToken)).scalar_one()
        stored = (row.id, row.role, row.property_company_id, row.store_code, row.label)
        assert token not in row.token_hash  # only the hash is kept
    db.dispose()
    assert stored[1:] == ("property-company", "P001", None, "物业 finance")

    with TestClient(create_app(Settings(database_url=url))) as client:
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/companies/P001/residents", headers=headers).status_code == 200
        code, out, _ = _run(capsys, "token", "list", "--db", url)
        assert out.split("\n")[0].split("\t") == [stored[0], "property-company", "P001", "live",
                                                  "物业 finance"]  # fmt: skip
        assert _run(capsys, "token", "revoke", stored[0], "--db", url)[:2] == (
            0, f"{stored[0]} revoked\n")  # fmt: skip
        refused = client.get("/api/v1/companies/P001/residents", headers=headers)
        assert refused.status_code == 403 and refused.json()["code"] == "token_revoked"
    assert _run(capsys, "token", "revoke", stored[0], "--db", url)[1] == (
        f"{stored[0]} was already revoked\n"
    )
    assert "\trevoked\t" in _run(capsys, "token", "list", "--db", url)[1]


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["--role", "property-company"], "needs --company"),
        (["--role", "property-company", "--company", "P777"], "unknown property company P777"),
        (["--role", "store-manager", "--company", "P001"], "needs --store"),
        (["--role", "store-manager", "--store", "S777"], "unknown store S777"),
        (["--role", "operations", "--store", "S001"], "covers everything"),
        ([], "needs --role"),
        (["--role", "operations", "--label", "a\x00b"], "printable"),
    ],
)
def test_a_token_without_its_scope_is_not_issued(
    sqlite_demo_url: Callable[[], str],
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    problem: str,
) -> None:
    url = sqlite_demo_url()
    code, out, err = _run(capsys, "token", "issue", *argv, "--db", url)
    assert code == 1 and out == "" and problem in err
    db = Database(url)
    with db.read() as session:
        assert session.execute(select(ApiToken)).first() is None
    db.dispose()
    assert _run(capsys, "token", "revoke", "k-000000000000", "--db", url)[0] == 1


def test_a_terminal_token_is_not_issued_by_the_command_line() -> None:
    with pytest.raises(SystemExit):
        main(["token", "issue", "--role", "terminal", "--db", "sqlite://"])
