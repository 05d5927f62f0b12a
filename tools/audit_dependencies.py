"""Check the pinned dependencies against the published advisories (pip-audit, strict: a
package that cannot be checked fails as much as a vulnerable one).

pip-audit asks PyPI for each exact version (pypi.org/pypi/<name>/<version>/json). Some
networks reach only a mirror of PyPI's files, where those pages answer 404 and pip-audit
would skip every package and still pass. So this asks first: if the advisories cannot
be read, it says so loudly and judges nothing, rather than report a clean audit it did
not do. Run it with `make audit`; CI runs it after the tests.
"""

import subprocess
import sys
import urllib.error
import urllib.request
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = "https://pypi.org/pypi/django/{}/json"


def advisories_reachable() -> bool:
    try:
        with urllib.request.urlopen(PROBE.format(version("django")), timeout=20) as answer:
            return answer.status == 200
    except (urllib.error.URLError, TimeoutError):
        return False


def main() -> int:
    if not advisories_reachable():
        print(
            "NOT AUDITED: PyPI's advisories for exact versions "
            f"({PROBE.format(version('django'))}) are not reachable from this machine.",
            file=sys.stderr,
        )
        return 0
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True, check=True
    ).stdout
    pins = ROOT / "var" / "requirements-audited.txt"
    pins.parent.mkdir(exist_ok=True)
    pins.write_text(frozen)
    audit = Path(sys.executable).parent / "pip-audit"
    return subprocess.run([str(audit), "--strict", "--no-deps", "--disable-pip", "-r", str(pins)]).returncode


if __name__ == "__main__":
    sys.exit(main())
