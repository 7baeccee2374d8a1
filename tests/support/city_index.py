"""One built city index for the whole test run, instead of one build per bot process.

The bot builds its index on a first start (seconds of CPU); every end-to-end test starts
with an empty ``DATA_DIR``, so the tests hand every bot process (``CITY_INDEX_PATH``) and the
in-process lookups (``coach.timezones.use_index``) this one file. It lives in the system's
temporary folder and is rebuilt only when its format or the data's version changes; a build
is atomic, so parallel workers building at once are harmless.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from storage.city_index import FORMAT, SqliteCityIndex, ensure


@functools.cache
def shared_index() -> SqliteCityIndex:
    return ensure(Path(tempfile.gettempdir()) / f"strongback-test-cities-v{FORMAT}.sqlite3")


def shared_index_path() -> Path:
    return shared_index().path
