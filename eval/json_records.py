"""Parse one JSON record safely: every failure is a :class:`BadJSON` with a message, never a crash.

``json.loads`` can fail in ways that are not :class:`json.JSONDecodeError`:
an integer of more than 4,300 digits raises a plain ``ValueError`` (Python's
int-string limit), 100,000 nested brackets raise ``RecursionError``.  And it
accepts what cannot be written back: a lone surrogate escape such as
``"\\ud800"`` becomes a string that no UTF-8 output can hold, and a value
nested 900 levels deep makes later ``repr`` or recursive code fail.
:func:`parse_record` turns all of these into either a :class:`BadJSON` (the
record is an error, the rest of the file is read) or a repaired value: each
lone surrogate replaced with U+FFFD, counted, so the caller can warn.

Every reader of JSON lines uses it: ``summarize``'s article readers, the
``score`` and ``compare --summaries`` files, and ``meta``'s judgment files.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MAX_DEPTH", "BadJSON", "check_record", "parse_record", "repair_surrogates", "too_deep"]

#: Deepest nesting of lists and objects accepted in one record (a record is a
#: few levels deep; much deeper values only make downstream code recurse).
MAX_DEPTH = 64

# A surrogate escape in the JSON text (a valid pair also matches; the decoded string tells).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# A surrogate code point left in a decoded string: a lone one (valid pairs decode to one character).
_SURROGATE = re.compile("[\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


class BadJSON(ValueError):
    """A line that is not a usable JSON value; the message says why (without the file and line)."""


def parse_record(line: str, *, column: bool = True) -> tuple[Any, int]:
    """Decode one JSON text; return ``(value, number of lone surrogates replaced with U+FFFD)``.

    ``column``: name the column of a syntax error in the message.

    Raises
    ------
    BadJSON
        Malformed JSON (with the column), an integer of more digits than
        Python converts, or nesting deeper than :data:`MAX_DEPTH`.
    """
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        # Some messages end in " at" ("Invalid control character at"): no "at at column".
        where = f" at column {exc.colno}" if column else ""
        raise BadJSON(f"malformed JSON ({exc.msg.removesuffix(' at')}{where})") from None
    except RecursionError:
        raise BadJSON("malformed JSON (nested too deeply)") from None
    except ValueError as exc:
        # int(str) of a number beyond sys.get_int_max_str_digits(): a plain ValueError.
        raise BadJSON(f"unreadable JSON number ({str(exc).partition(';')[0]}); "
                      "write very long numbers as strings") from None
    return check_record(value, line)


def check_record(value: Any, line: str) -> tuple[Any, int]:
    """The checks of :func:`parse_record` after decoding: ``value`` is what ``line`` decoded to.

    For readers with a decoder of their own (e.g. a faster scanner).

    Raises
    ------
    BadJSON
        Nesting deeper than :data:`MAX_DEPTH`.
    """
    # Cheap tests first: a line with few brackets cannot be deep, one without "\ud8.." has no surrogate.
    if line.count("[") + line.count("{") > MAX_DEPTH and too_deep(value, MAX_DEPTH):
        raise BadJSON(f"JSON nested more than {MAX_DEPTH} levels deep; records are flat objects")
    if "\\" in line and _SURROGATE_ESCAPE.search(line):
        return repair_surrogates(value)
    return value, 0


def too_deep(value: Any, limit: int) -> bool:
    """True if lists and dicts nest more than ``limit`` levels in ``value`` (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        elif not isinstance(item, list):
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in item if isinstance(child, (list, dict)))
    return False


def repair_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with each lone surrogate of every string (keys too) replaced by U+FFFD, and how many.

    Lists and dicts are rebuilt only where something changed; the walk is not
    recursive (deep values cannot overflow the stack).
    """
    if isinstance(value, str):
        found = len(_SURROGATE.findall(value))
        return (_SURROGATE.sub(_REPLACEMENT, value), found) if found else (value, 0)
    if not isinstance(value, (list, dict)):
        return value, 0
    count = 0
    # Containers are fixed in place, children before parents (a copy of the top level is returned).
    root: Any = list(value) if isinstance(value, list) else dict(value)
    stack: list[Any] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            for k, child in enumerate(item):
                if isinstance(child, str):
                    fixed, n = repair_surrogates(child)
                    if n:
                        item[k], count = fixed, count + n
                elif isinstance(child, (list, dict)):
                    item[k] = copy = list(child) if isinstance(child, list) else dict(child)
                    stack.append(copy)
        else:
            for key in list(item):
                child = item[key]
                if isinstance(key, str) and _SURROGATE.search(key):
                    fixed_key, n = repair_surrogates(key)
                    del item[key]
                    key, count = fixed_key, count + n
                    item[key] = child
                if isinstance(child, str):
                    fixed, n = repair_surrogates(child)
                    if n:
                        item[key], count = fixed, count + n
                elif isinstance(child, (list, dict)):
                    item[key] = copy = list(child) if isinstance(child, list) else dict(child)
                    stack.append(copy)
    return root, count
