"""Exporting a report to a file, as every report dialog of the till does it: ask where
(CSV or XLSX, a suggested name), add the extension the person left out, write, and
say what happened: a full disk or a removed USB stick is a red sentence, never a
crash."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from pos_app.core.errors import PosError
from pos_app.ui.messages import error_text

#: asks where to save an export: (dialog title, file filter, suggested name) → path or None
PathChooser = Callable[[str, str, str], Path | None]
#: shows a sentence under the report (error: in red)
Say = Callable[..., None]


def ask_path(parent: QWidget) -> PathChooser:
    def choose(title: str, filters: str, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, name, filters)
        return Path(path) if path else None

    return choose


def export_report(
    kind: str, name: str, choose: PathChooser, write: Callable[[Path], object], say: Say
) -> None:
    """`kind` "csv" or "xlsx"; `name` the suggested file name; `write(path)` writes it."""
    if kind == "csv":
        filters = QCoreApplication.translate("ReportExport", "CSV files (*.csv)")
    else:
        filters = QCoreApplication.translate("ReportExport", "Excel (*.xlsx)")
    path = choose(QCoreApplication.translate("ReportExport", "Export the report"), filters, name)
    if path is None:
        return
    if path.suffix.lower() != f".{kind}":
        path = path.with_name(path.name + f".{kind}")
    try:
        write(path)
    except PosError as error:
        say(error_text(error), error=True)
        return
    except OSError as error:  # a full disk, a removed USB stick: say so, keep the till up
        text = QCoreApplication.translate("ReportExport", "Could not write {path}: {reason}")
        say(text.format(path=path, reason=error.strerror or error), error=True)
        return
    say(QCoreApplication.translate("ReportExport", "Saved to {path}").format(path=path))
