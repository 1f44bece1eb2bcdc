"""plotly.js served from our own static files, never a CDN.

The plotly Python package ships the plotly.js bundle its figures are made for; this finder
publishes that one file as `static/vendor/plotly.min.js`. runserver and the tests serve it
from the package, and collectstatic copies it with the rest at build time, so the
browser's plotly.js always matches the installed plotly.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor"
BUNDLE = "plotly.min.js"
STATIC_PATH = f"{PREFIX}/{BUNDLE}"


def plotly_package_data() -> Path:
    # find_spec locates the package without importing it (plotly's import is slow).
    spec = importlib.util.find_spec("plotly")
    if spec is None or spec.origin is None:
        raise LookupError("the plotly package is not installed")
    return Path(spec.origin).parent / "package_data"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.storage = FileSystemStorage(location=plotly_package_data())
        # collectstatic puts a storage's files under its prefix, as for STATICFILES_DIRS.
        self.storage.prefix = PREFIX  # type: ignore[attr-defined]

    def check(self, **kwargs: Any) -> list[Error]:
        if not self.storage.exists(BUNDLE):
            return [Error(f"{BUNDLE} is missing from {self.storage.location}", id="site.E001")]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
        found = [self.storage.path(BUNDLE)] if path == STATIC_PATH else []
        return found if find_all else (found[0] if found else None)

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        yield BUNDLE, self.storage
