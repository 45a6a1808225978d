"""Checks made before the window opens, each ending in one clear sentence (in
Chinese and English) instead of a Qt abort or a silent surprise:

- no display to open the window on (`display_problem`): none set, one set where
  no X server answers, or Qt's X11 libraries missing, all of which Qt itself
  reports as "could not load the Qt platform plugin… Reinstalling may fix";
- the demo server's port taken (`port_taken`): the demo stops and says so rather
  than moving to another port and enrolling the till again;
- `--demo --reset` (`reset_demo_data`): deletes the demo data directory, and only
  one that is the demo's (the default demo directory, or one marked as demo).
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

#: A file the till writes into every data directory it runs `--demo` on.
DEMO_MARKER = ".yuancang-demo"
#: Platforms that need no display server (tests, remote screens).
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")
#: The libraries Qt's xcb platform plugin cannot start without (Debian names in the Makefile).
XCB_LIBRARIES = ("xcb-cursor", "xkbcommon-x11", "xcb-icccm", "xcb-keysyms")

NO_DISPLAY = (
    "没有可用的显示器:请在桌面环境中启动收银台,或先设置 DISPLAY"
    "(例如 Xvfb :99 & export DISPLAY=:99)。\n"
    "No display: start the till from a desktop session, or set DISPLAY first "
    "(e.g. Xvfb :99 & export DISPLAY=:99)."
)


def dead_display(display: str) -> str:
    return (
        f"DISPLAY={display} 上没有运行中的 X 服务器:请在桌面环境中启动收银台,"
        "或先启动 Xvfb 并把 DISPLAY 指向它。\n"
        f"No X server answers on DISPLAY={display}: start the till from a desktop session, "
        "or start an Xvfb and point DISPLAY at it."
    )


def x_server_answers(display: str, timeout: float = 2.0) -> bool:
    """True when something accepts a connection where DISPLAY points: the local
    socket (file or abstract) of ":N", or TCP port 6000+N of "host:N"."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return True  # a form we do not know: let Qt judge
    if host in ("", "unix") or host.startswith("/"):
        path = f"/tmp/.X11-unix/X{number}"
        for address in (path, "\0" + path):  # the file, then Linux's abstract socket
            with socket.socket(socket.AF_UNIX) as probe:
                probe.settimeout(timeout)
                try:
                    probe.connect(address)
                    return True
                except OSError:
                    continue
        return False
    try:
        socket.create_connection((host, 6000 + int(number)), timeout=timeout).close()
    except OSError:
        return False
    return True


def missing_qt_libraries(names: list[str]) -> str:
    listed = ", ".join(f"lib{n}" for n in names)
    return (
        f"缺少 Qt 显示所需的系统库({listed}):请运行 make demo(会自动安装),"
        "或以 root 运行 apt-get install libxcb-cursor0 libxkbcommon-x11-0 "
        "libxcb-icccm4 libxcb-keysyms1。\n"
        f"Qt's display libraries are missing ({listed}): run make demo (it installs them), "
        "or as root apt-get install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 "
        "libxcb-keysyms1."
    )


def display_problem(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
    answers: Callable[[str], bool] = x_server_answers,
) -> str | None:
    """What stops the window from opening on this machine, or None."""
    if not platform.startswith("linux"):
        return None  # Windows and macOS always have their own display
    env = os.environ if env is None else env
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if qpa in HEADLESS_PLATFORMS:
        return None
    if qpa == "wayland" or (not qpa and env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY")):
        return None if env.get("WAYLAND_DISPLAY") else NO_DISPLAY
    display = env.get("DISPLAY", "")
    if not display:
        return NO_DISPLAY
    if not answers(display):
        return dead_display(display)
    missing = [name for name in XCB_LIBRARIES if find_library(name) is None]
    return missing_qt_libraries(missing) if missing else None


def port_taken(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def port_taken_message(port: int) -> str:
    return (
        f"端口 {port} 已被占用(也许另一个演示收银台还在运行):请先关闭它,"
        f"或换一个端口:make demo PORT={port + 11}。\n"
        f"Port {port} is already in use (another demo till still running?): close it, "
        f"or choose another port: make demo PORT={port + 11}."
    )


def is_demo_dir(data_dir: Path, default_demo_dir: Path) -> bool:
    if data_dir.resolve() == default_demo_dir.resolve():
        return True
    return (data_dir / DEMO_MARKER).is_file()


def mark_demo_dir(data_dir: Path) -> None:
    """Mark a directory the till runs --demo on, so --reset may delete it later."""
    marker = data_dir / DEMO_MARKER
    if not marker.exists():
        marker.write_text("demo data of yuancang-pos: --demo --reset may delete it\n")


def reset_demo_data(data_dir: Path, default_demo_dir: Path) -> str | None:
    """Delete the demo data directory; the reason it refused, or None when done."""
    if not data_dir.exists():
        return None  # nothing to reset: it starts fresh anyway
    if not is_demo_dir(data_dir, default_demo_dir):
        return (
            f"拒绝重置:{data_dir} 不是演示数据目录,不会删除任何文件。\n"
            f"Reset refused: {data_dir} is not a demo data directory; nothing was deleted."
        )
    shutil.rmtree(data_dir)
    return None
