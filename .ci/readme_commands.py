"""Print one of the README's quick-start commands, exactly as written.

The README's "## Quick start" section holds two ```sh blocks: the first sets up
and runs the main job on the bundled examples, the second runs the tests.  CI
runs them literally (``.ci/run``), so the README and CI cannot diverge.

    python3 .ci/readme_commands.py setup   # the first block
    python3 .ci/readme_commands.py test    # the second block
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def quick_start_commands(text: str) -> list[str]:
    section = re.search(r"^## Quick start\s*$(.*?)(?=^## )", text, re.M | re.S)
    if section is None:
        raise SystemExit("README.md has no '## Quick start' section")
    blocks = re.findall(r"^```(?:sh|bash|console)\s*\n(.*?)^```", section.group(1), re.M | re.S)
    commands = [b.strip() for b in blocks]
    if len(commands) < 2 or any("\n" in c for c in commands[:2]):
        raise SystemExit("README.md's quick start must hold two one-line ```sh blocks (setup+run, tests)")
    return commands[:2]


def main(argv: list[str]) -> int:
    which = {"setup": 0, "test": 1}
    if len(argv) != 1 or argv[0] not in which:
        print("usage: readme_commands.py setup|test", file=sys.stderr)
        return 2
    print(quick_start_commands(README.read_text(encoding="utf-8"))[which[argv[0]]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
