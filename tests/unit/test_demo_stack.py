"""pos_app/demo_stack.py: the demo till enrolls at its own central server, and its
members' receipts name that server's residents' page, which answers."""

from __future__ import annotations

from pathlib import Path

import requests

from pos_app.app import build_context
from pos_app.demo_stack import start_demo_server
from sync.server.devtools import free_port


def test_the_demo_till_prints_its_servers_residents_page(tmp_path: Path) -> None:
    context = build_context(tmp_path / "till", demo=True)
    server = None
    try:
        server = start_demo_server(context, port=free_port())
        url = context.settings.printer.resident_page_url
        assert url == f"{server.url}/me"
        page = requests.get(url, timeout=10, verify=True)
        assert page.status_code == 200 and "用手机号登录" in page.text
        context.save_setting("receipt.resident_page_url", "https://jf.example.cn/me")
        server.stop()
        server = start_demo_server(context, port=free_port())  # a set address is kept
        assert context.settings.printer.resident_page_url == "https://jf.example.cn/me"
    finally:
        if server is not None:
            server.stop()
        context.close()
