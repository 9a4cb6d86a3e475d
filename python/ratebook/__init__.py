"""ratebook from Python: inspection rating frameworks kept as data.

Each function calls ratebook's library directly (no subprocess) and returns what the command
line's ``--format json`` gives, as Python objects; :func:`cases` returns the case-level table
as a pandas DataFrame (or a polars one). ``rules`` may be a path, a bundled ruleset's name
(``"hmip-youth-2019"``) or the rule text itself (a string with a line break); inspections are
paths to inspection files or folders of them. A problem raises :class:`RatebookError`, whose
``problems`` lists every diagnostic (``code``, ``message``, ``help``, ``severity``, ``file``,
``line``).
"""

import json as _json
import os as _os

from . import _ratebook

__all__ = ["RatebookError", "check", "rate", "compare", "breakdown", "test", "cases"]


class RatebookError(Exception):
    """Rules or inspections ratebook could not use; ``problems`` lists every diagnostic."""

    def __init__(self, summary, problems):
        super().__init__(summary)
        self.problems = problems

    def __str__(self):
        lines = [self.args[0]]
        for p in self.problems:
            where = f"{p['file']} line {p['line']}: " if p.get("file") and p.get("line") else ""
            lines.append(f"  {where}{p['message']} [{p['code']}]")
        return "\n".join(lines)


class Result(dict):
    """A result as the JSON gives it (a dict); in Jupyter, shown as its page (``--format html``),
    made when it is first shown."""

    def __init__(self, data, page):
        super().__init__(data)
        self._page = page

    def _repr_html_(self):
        return self._page()


def _kind(value):
    return type(value).__name__


def _path(value, what):
    """A path given as ``str`` or ``os.PathLike``; anything else is a ``TypeError`` that says
    what was expected."""
    if isinstance(value, str):
        return value
    if isinstance(value, _os.PathLike):
        path = _os.fspath(value)
        if isinstance(path, str):
            return path
    raise TypeError(f"{what} must be a str or os.PathLike, not {_kind(value)}")


def _paths(inspections):
    """Inspection files or folders: one path, or an iterable of them (a list, a tuple, a
    generator), never a mapping or bytes."""
    if isinstance(inspections, (str, _os.PathLike)):
        return [_path(inspections, "inspections")]
    if isinstance(inspections, (bytes, bytearray, dict)) or not hasattr(inspections, "__iter__"):
        raise TypeError(
            "inspections must be a path (str or os.PathLike) or a list of paths, "
            f"not {_kind(inspections)}"
        )
    paths = [_path(p, "each inspection") for p in inspections]
    if not paths:
        raise ValueError("inspections is empty: name at least one inspection file or folder")
    return paths


def _rules(rules):
    return _path(rules, "rules (a path, a bundled ruleset's name or rule text)")


def _call(function, *args):
    try:
        return function(*args)
    except _ratebook._Failed as failed:
        summary, problems = failed.args
        raise RatebookError(summary, _json.loads(problems)) from None


def check(rules):
    """Every problem ``ratebook check`` finds in the rules, warnings too: ``[]`` when clean."""
    return _json.loads(_call(_ratebook.check, _rules(rules)))


def _result(function, *args):
    text = _call(function, *args)
    return Result(_json.loads(text), lambda: _call(function, *args, True))


def rate(rules, inspections):
    """Rate the inspections: a dict, as ``rate --format json`` gives it."""
    return _result(_ratebook.rate, _rules(rules), _paths(inspections))


def compare(rules, inspections):
    """Rate the inspections under two or more rulesets: as ``compare --format json``."""
    if isinstance(rules, (str, bytes, _os.PathLike)) or not hasattr(rules, "__iter__"):
        raise TypeError(f"rules must be a list of two or more rulesets, not {_kind(rules)}")
    return _result(_ratebook.compare, [_rules(r) for r in rules], _paths(inspections))


def breakdown(rules, inspections):
    """Pool the inspections' cases into research tables: as ``breakdown --format json``."""
    return _result(_ratebook.breakdown, _rules(rules), _paths(inspections))


def test(rules, inspections):
    """Check past inspections against their published figures: as ``test --format json``."""
    args = (_rules(rules), _paths(inspections))
    text, _passed = _call(_ratebook.test, *args)
    return Result(_json.loads(text), lambda: _call(_ratebook.test, *args, True)[0])


_COLUMNS = [
    "inspection", "provider", "case", "domain", "standard", "item", "kind",
    "counted", "why_not", "answer",
]


def cases(rules, inspections, backend="pandas"):
    """The case-level table the ratings count, as a DataFrame: one row per inspection × case ×
    key question or prompt, in the columns of ``ratebook cases`` (then one per case field).
    ``backend="polars"`` gives a polars DataFrame."""
    if backend not in ("pandas", "polars"):
        raise ValueError(f'backend must be "pandas" or "polars", not {backend!r}')
    rows = _json.loads(_call(_ratebook.cases, _rules(rules), _paths(inspections)))["rows"]
    fields = [k for k in (rows[0] if rows else {}) if k not in _COLUMNS]
    columns = _COLUMNS + fields
    if backend == "polars":
        import polars

        return polars.DataFrame([[r[c] for c in columns] for r in rows], schema=columns, orient="row")
    import pandas

    return pandas.DataFrame(rows, columns=columns)
