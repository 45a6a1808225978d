"""The search index saved next to the database, so that a till starts searchable.

The file is stamped with the catalog generation it was built from (migration
0007's triggers bump it on every product or barcode change); a file of
another generation, another format or a damaged one is ignored and replaced.
A cache that cannot be written (full disk, read-only directory) costs the
next start a rebuild, nothing else: the error is logged, not raised.

Written to a temporary file and renamed over the old one, so a crash never
leaves half a file under the real name; 0600, like the rest of the data.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pos_app.core import search_codec
from pos_app.core.search import SearchIndex
from pos_app.private_files import open_private

log = logging.getLogger("pos_app.persistence")

CACHE_FILENAME = "search-index.bin"


class SearchIndexCache:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / CACHE_FILENAME

    def load(self, generation: int) -> SearchIndex | None:
        """The saved index if it was built from `generation`, else None."""
        try:
            with self.path.open("rb") as source:
                header = search_codec.read_header(source)
                saved = header["meta"].get("generation")
                if saved != generation:
                    log.info("search index file is of generation %s, not %s", saved, generation)
                    return None
                return search_codec.read_index(source, header)
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("search index file unreadable, rebuilding: %s", exc)
        except ValueError as exc:
            log.warning("search index file ignored, rebuilding: %s", exc)
        return None

    def save(self, index: SearchIndex, generation: int) -> bool:
        temporary = self.path.with_name(f".{CACHE_FILENAME}.{os.getpid()}.tmp")
        try:
            fd = open_private(temporary, os.O_WRONLY | os.O_TRUNC)
            with os.fdopen(fd, "wb") as out:
                search_codec.write(index, {"generation": generation}, out)
            os.replace(temporary, self.path)
        except OSError as exc:
            log.warning("search index not saved (the next start rebuilds it): %s", exc)
            temporary.unlink(missing_ok=True)
            return False
        return True

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)
