"""The sample disclosures printed to PDF by another maker, then read and scored.

Each sample text (disclosures/fixtures/samples) is laid out as a web page, its TAB lines
as table rows, and printed to PDF by Chromium (/usr/bin/chromium, as the browser tests
use it): `ruled` gives every cell a border, `unruled` none, `centred` none and every cell
centred. Each PDF is parsed and scored,
field by field, against the sample's hand-checked values (tests/parsing/expected), as
`make accuracy` scores the real documents. A sample whose text keeps no TABs (its cells
a space apart) prints as running text, not as tables, and is reported but not counted.

    .venv/bin/python scripts/printed.py [ruled|unruled|centred] [-v]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "tests" / "parsing")]

from accuracy import Tally, score  # noqa: E402
from printing import CHROMIUM, STYLES, printed  # noqa: E402

from disclosures.parsing import parse_bytes, to_contract  # noqa: E402

SAMPLES = ROOT / "disclosures" / "fixtures" / "samples"
EXPECTED = ROOT / "tests" / "parsing" / "expected"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("style", nargs="?", choices=sorted(STYLES), default="ruled")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    if shutil.which(CHROMIUM) is None:
        print(f"printed.py needs Chromium at {CHROMIUM} (make setup installs it)", file=sys.stderr)
        return 1
    total = Tally()
    with tempfile.TemporaryDirectory() as folder:
        for sample in sorted(SAMPLES.glob("*.txt")):
            text = sample.read_text(encoding="utf-8")
            truth = json.loads((EXPECTED / f"{sample.stem}.json").read_text(encoding="utf-8"))
            try:
                got = to_contract(
                    parse_bytes(printed(text, args.style, Path(folder)), f"{sample.stem}.pdf")
                )
            except Exception as error:  # noqa: BLE001 - a failed parse counts as nothing read
                print(f"{sample.stem:40} not read: {error}")
                got = {key: {} for key in ("region", "totals", "headcount", "prior_year")}
                got |= {"findings": [], "functional": [], "economic": []}
            t = score(truth, got)
            tabs = "\t" in text
            print(
                f"{sample.stem:40} {t.right:5} right {len(t.wrong):3} wrong {len(t.missing):3} missing"
                f" {len(t.unexpected):3} unexpected{'' if tabs else '  (no TABs: not counted)'}"
            )
            if args.verbose:
                for line in t.wrong + t.missing + t.unexpected:
                    print("      ", line)
            if tabs:
                total.right += t.right
                for name in ("wrong", "missing", "unexpected"):
                    getattr(total, name).extend(getattr(t, name))
    fields = total.right + len(total.wrong) + len(total.missing)
    print(
        f"overall: {total.right}/{fields} fields right, {len(total.wrong)} wrong, "
        f"{len(total.missing)} missing, {len(total.unexpected)} unexpected"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
