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
