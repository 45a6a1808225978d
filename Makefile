# 源仓收银 — set-up, demo and tests on a fresh Debian/Ubuntu machine.
#   make demo            start the till on its demo data, with the reference central
#                        server on 127.0.0.1:8700 (if the port is taken, it says so
#                        and stops: it never moves to another port on its own)
#   make demo PORT=8711  the same with the server on another port
#   make demo-reset      the same, from fresh demo data (deletes the demo data only)
#   make test            run the whole suite headless
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages: zbar for pyzbar, a CJK font so Chinese renders, the X/GL
# libraries Qt's xcb and offscreen plugins load (glib among them), fontconfig for
# the receipt preview's fonts, Xvfb/xdotool/openbox for screen tests, libpulse0
# without which QtMultimedia (the camera) does not import, PostgreSQL whose
# binaries the central-server tests run a private cluster with, chromium in which
# Playwright tests the web pages (its own browser download is unreachable).
# python3-venv is added when $(PYTHON) cannot make a virtualenv.
APT_PACKAGES := libzbar0 fonts-wqy-microhei libegl1 libgl1 libglib2.0-0 fontconfig \
	libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-xinerama0 libxcb-cursor0 libxcb-shape0 libxcb-randr0 libxcb-render-util0 \
	libxcb-image0 xvfb xdotool openbox libpulse0 postgresql chromium
# Both sides and the tools: the till, the central server it syncs with, the tests.
EXTRAS := till,central,dev
# the demo central server's port on 127.0.0.1
PORT ?= 8700

.PHONY: demo demo-reset test system-deps venv translations lint bench clean

demo: venv
	$(BIN)/yuancang-pos --demo --with-server --server-port $(PORT)

demo-reset: venv
	$(BIN)/yuancang-pos --demo --reset --with-server --server-port $(PORT)

test: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Installs what is missing with apt-get: as root directly, else through sudo;
# without either it stops and says what root must install.
system-deps:
	@missing=""; \
	$(PYTHON) -c 'import venv, ensurepip' >/dev/null 2>&1 || missing=" python3-venv"; \
	for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else \
		echo "make: missing Debian packages:$$missing" >&2; \
		echo "make: installing them needs root (and there is no sudo); as root, run:" >&2; \
		echo "    apt-get update && apt-get install -y --no-install-recommends$$missing" >&2; \
		echo "then run make again." >&2; \
		exit 1; \
	fi; \
	echo "installing system packages:$$missing"; \
	$$sudo apt-get update -qq && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

venv: system-deps $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[$(EXTRAS)]'
	touch $(STAMP)

# Regenerate the .ts from the sources, fill it from zh_CN.tsv, then the .qm.
# A new UI string needs its line in resources/translations/zh_CN.tsv. English
# is the source language, but its plural forms ("1 item", "2 items") need a
# file of their own: yuancang_en.ts holds only the plural texts (-pluralonly),
# filled by fill_en.py from their "(s)".
TR := resources/translations
UI_SOURCES = $$(find pos_app/ui -name '*.py' | sort) pos_app/options.py
translations: venv
	$(BIN)/pyside6-lupdate $(UI_SOURCES) -ts $(TR)/yuancang_zh_CN.ts -no-obsolete
	$(BIN)/python $(TR)/fill_zh.py
	$(BIN)/pyside6-lrelease $(TR)/yuancang_zh_CN.ts -qm $(TR)/yuancang_zh_CN.qm
	$(BIN)/pyside6-lupdate $(UI_SOURCES) -ts $(TR)/yuancang_en.ts -no-obsolete -pluralonly -target-language en
	$(BIN)/python $(TR)/fill_en.py
	$(BIN)/pyside6-lrelease $(TR)/yuancang_en.ts -qm $(TR)/yuancang_en.qm

lint: venv
	$(BIN)/ruff check pos_app sync tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: venv
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info benchmarks/out
