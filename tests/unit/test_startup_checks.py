"""Before the window: no display, Qt's X11 libraries missing, a taken port,
and which directories --reset may delete."""

from __future__ import annotations

import socket
from pathlib import Path

from pos_app.startup_checks import (
    DEMO_MARKER,
    NO_DISPLAY,
    display_problem,
    mark_demo_dir,
    port_taken,
    reset_demo_data,
    x_server_answers,
)


def every_library(_name: str) -> str | None:
    return "libfound.so"


def alive(_display: str) -> bool:
    return True


def test_no_display_without_display_or_wayland():
    assert display_problem({}, "linux", every_library) == NO_DISPLAY
    assert display_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", every_library) == NO_DISPLAY
    assert display_problem({"QT_QPA_PLATFORM": "wayland"}, "linux", every_library) == NO_DISPLAY


def test_a_display_or_a_headless_platform_is_enough():
    assert display_problem({"DISPLAY": ":0"}, "linux", every_library, alive) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", every_library) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", every_library) is None
    assert display_problem({}, "win32", every_library) is None


def test_missing_xcb_libraries_are_named_with_the_fix():
    def no_cursor(name: str) -> str | None:
        return None if name == "xcb-cursor" else "libfound.so"

    text = display_problem({"DISPLAY": ":0"}, "linux", no_cursor, alive)
    assert text is not None and "libxcb-cursor" in text and "apt-get install libxcb-cursor0" in text
    assert "Reinstalling" not in text


def test_the_real_libraries_of_this_machine_are_found():
    # the test machine runs Qt's X11 tests: its xcb libraries are installed
    assert display_problem({"DISPLAY": ":0"}, "linux", answers=alive) is None


def test_a_display_where_no_x_server_answers():
    text = display_problem({"DISPLAY": ":9871"}, "linux", every_library)
    assert text is not None and "No X server answers on DISPLAY=:9871" in text


def test_x_server_found_on_its_abstract_socket_or_tcp_port():
    assert not x_server_answers(":9872")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("\0/tmp/.X11-unix/X9872")  # as Xorg/Xvfb listen on Linux
        server.listen()
        assert x_server_answers(":9872") and x_server_answers("unix:9872.0")
    with socket.socket() as tcp:
        tcp.bind(("127.0.0.1", 0))
        tcp.listen()
        number = tcp.getsockname()[1] - 6000
        assert x_server_answers(f"127.0.0.1:{number}.0")
    assert not x_server_answers(f"127.0.0.1:{number}")


def test_port_taken():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert port_taken(port)
    assert not port_taken(port)


def test_reset_deletes_the_default_demo_dir(tmp_path: Path):
    demo = tmp_path / "demo"
    (demo / "logs").mkdir(parents=True)
    (demo / "pos.db").write_text("x")
    assert reset_demo_data(demo, demo) is None
    assert not demo.exists()


def test_reset_deletes_a_marked_demo_dir_only(tmp_path: Path):
    marked, other = tmp_path / "marked", tmp_path / "till"
    for d in (marked, other):
        d.mkdir()
        (d / "pos.db").write_text("x")
    mark_demo_dir(marked)
    assert (marked / DEMO_MARKER).is_file()
    assert reset_demo_data(marked, tmp_path / "default-demo") is None and not marked.exists()
    refused = reset_demo_data(other, tmp_path / "default-demo")
    assert refused is not None and "not a demo data directory" in refused
    assert (other / "pos.db").read_text() == "x"


def test_reset_of_a_missing_dir_is_nothing_to_do(tmp_path: Path):
    assert reset_demo_data(tmp_path / "never", tmp_path / "other") is None
