"""The parser is a library first: it must import in a bare interpreter without Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# -I: no PYTHON* variables, no current directory on the path; only the project root is added.
IMPORT_EVERY_PARSING_MODULE = f"""
import importlib, pkgutil, sys
sys.path.insert(0, {str(ROOT)!r})
import disclosures.parsing as parsing
for module in pkgutil.walk_packages(parsing.__path__, "disclosures.parsing."):
    importlib.import_module(module.name)
leaked = sorted(name for name in sys.modules if name.split(".")[0] in {{"django", "celery", "config"}})
assert not leaked, leaked
"""


def test_the_parser_imports_without_django():
    result = subprocess.run(
        [sys.executable, "-I", "-c", IMPORT_EVERY_PARSING_MODULE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr


APPS = ("disclosures", "comparisons", "api")


def test_no_app_imports_one_above_it_so_no_cycle_joins_two():
    import grimp

    graph = grimp.build_graph(*APPS, "config")
    both_ways = [
        (low, high)
        for n, low in enumerate(APPS)
        for high in APPS[n + 1 :]
        if graph.chain_exists(importer=low, imported=high, as_packages=True)
    ]

    assert both_ways == []  # each app imports only those below it: disclosures, comparisons, api
