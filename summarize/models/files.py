"""Read the small files that options name (``--config``, ``--model``): regular files of bounded size only.

A path that names a device, a FIFO or a directory would block or never end
(``/dev/zero`` reads forever); a huge file is not a config.  Both are a
``ValueError`` naming the option's file, which the command line reports as a
usage error (exit 2).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["MAX_OPTION_FILE_BYTES", "read_option_file"]

#: Largest config or model file read (the shipped model is about 3 KB).
MAX_OPTION_FILE_BYTES = 1 << 20


def read_option_file(path: str | Path, what: str) -> str:
    """The UTF-8 text of ``path``, a regular file of at most :data:`MAX_OPTION_FILE_BYTES`.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If it is not a regular file, is larger than the limit, or is not UTF-8.
    """
    path = Path(path)
    mode = os.stat(path).st_mode  # FileNotFoundError as it is
    if not stat.S_ISREG(mode):
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file (a device, FIFO or socket)"
        raise ValueError(f"{what} {path} is {kind}; give a {what} file")
    with path.open("rb") as handle:
        data = handle.read(MAX_OPTION_FILE_BYTES + 1)
    if len(data) > MAX_OPTION_FILE_BYTES:
        raise ValueError(f"{what} {path} is larger than {MAX_OPTION_FILE_BYTES:,} bytes; give a {what} file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{what} {path} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
                         ) from None
