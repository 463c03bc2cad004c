"""Fuzz every reader, cleaning and ``extract_document``: 10,000 inputs per target by default.

    python bench/fuzz.py [--runs 10000] [--seed 20261128] [--engine atheris|hypothesis] [TARGET...]

Targets are in ``tests/fuzz_targets.py`` (decode, text, html, jsonl, feed, warc,
manifest, sources, clean, extract).  With atheris installed (``pip install
atheris``) each target runs in its own process under libFuzzer, coverage-guided,
starting from the structured samples, with ``-seed`` and ``-runs``; otherwise
(or with ``--engine hypothesis``) Hypothesis generates the inputs (random bytes
and mutated samples) with a fixed seed and ``max_examples``.  An exception that
is not the project's own is counted, not fatal, and its first occurrences are
printed with the input that raised it.  Prints per target: engine, inputs run,
seed, uncaught exceptions (0 expected) and CPU seconds; exits 1 if any target
had one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

SHOWN_PER_TARGET = 3


class Tally:
    """Inputs run and exceptions that escaped, written to ``path`` as JSON as it goes."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.runs = 0
        self.crashes: list[dict[str, str]] = []
        self.kinds: dict[str, int] = {}

    def run(self, target, data: bytes, errors: tuple) -> None:  # noqa: ANN001
        self.runs += 1
        try:
            target(data)
        except errors:
            pass
        except Exception as exc:  # noqa: BLE001 - counting them is the point
            kind = f"{type(exc).__name__}: {str(exc)[:120]}"
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
            if len(self.crashes) < SHOWN_PER_TARGET:
                self.crashes.append({"input": repr(data[:300]), "error": kind,
                                     "traceback": traceback.format_exc(limit=8)})
            self.save()
        if self.runs % 200 == 0:
            self.save()

    def save(self) -> None:
        if self.path:
            with open(self.path + ".tmp", "w", encoding="utf-8") as fh:
                json.dump({"runs": self.runs, "uncaught": sum(self.kinds.values()), "kinds": self.kinds,
                           "crashes": self.crashes}, fh)
            os.replace(self.path + ".tmp", self.path)


def run_hypothesis(name: str, runs: int, seed: int) -> Tally:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed_seed

    import fuzz_targets

    inputs = fuzz_targets.inputs  # the suite's strategy: random bytes and mutated samples
    tally = Tally(None)
    target = fuzz_targets.TARGETS[name]

    @fixed_seed(seed)
    @settings(max_examples=runs, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(inputs(name))
    def check(data: bytes) -> None:
        tally.run(target, data, fuzz_targets.PROJECT_ERRORS)

    check()
    return tally


def atheris_child(name: str, runs: int, seed: int, out: str) -> None:
    """Run one target under atheris/libFuzzer (called in a child process)."""
    import atheris

    with atheris.instrument_imports(include=["consilience"]):
        import fuzz_targets
        from consilience.ingest import clean, document, unwrap  # noqa: F401
        from consilience.ingest.readers import sources  # noqa: F401
        if name == "extract":
            from consilience.extract import document as _doc, sections  # noqa: F401

    target = fuzz_targets.TARGETS[name]
    tally = Tally(out)
    corpus = tempfile.mkdtemp(prefix=f"fuzz-{name}-")
    for i, sample in enumerate(fuzz_targets.samples()[name]):
        Path(corpus, f"sample{i}").write_bytes(sample)

    def one(data: bytes) -> None:
        tally.run(target, data, fuzz_targets.PROJECT_ERRORS)
        if tally.runs >= runs:
            tally.save()
            os._exit(0)

    max_len = 512 if name == "extract" else 4096     # extraction: small inputs, or 10,000 take hours
    atheris.Setup([sys.argv[0], f"-seed={seed}", f"-runs={runs + 100}", f"-max_len={max_len}",
                   "-rss_limit_mb=4096", "-timeout=60", corpus], one)
    atheris.Fuzz()


def run_atheris(name: str, runs: int, seed: int) -> Tally:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "tally.json")
        subprocess.run([sys.executable, __file__, "--child", name, "--runs", str(runs), "--seed", str(seed),
                        "--out", out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        tally = Tally(None)
        if os.path.exists(out):
            data = json.loads(Path(out).read_text(encoding="utf-8"))
            tally.runs, tally.kinds, tally.crashes = data["runs"], data["kinds"], data["crashes"]
        return tally


def main() -> int:
    import fuzz_targets

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"default: all of {sorted(fuzz_targets.TARGETS)}")
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--engine", choices=("atheris", "hypothesis"), default=None)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        atheris_child(args.child, args.runs, args.seed, args.out)
        return 0
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    targets = args.targets or sorted(fuzz_targets.TARGETS)
    unknown = set(targets) - set(fuzz_targets.TARGETS)
    if unknown:
        parser.error(f"unknown targets {sorted(unknown)}")
    failed = False
    print(f"{'target':<10} {'engine':<10} {'inputs':>7} {'seed':>9} {'uncaught':>8} {'cpu_s':>7}")
    for name in targets:
        started = time.process_time(), resource_children()
        tally = (run_atheris if engine == "atheris" else run_hypothesis)(name, args.runs, args.seed)
        cpu = time.process_time() - started[0] + resource_children() - started[1]
        uncaught = sum(tally.kinds.values())
        failed |= uncaught > 0 or tally.runs < args.runs
        print(f"{name:<10} {engine:<10} {tally.runs:>7} {args.seed:>9} {uncaught:>8} {cpu:>7.1f}", flush=True)
        for kind, count in tally.kinds.items():
            print(f"    {count} x {kind}")
        for crash in tally.crashes:
            print(f"    input {crash['input']}\n" + "".join(f"      {ln}\n" for ln in crash["traceback"].splitlines()))
    return 1 if failed else 0


def resource_children() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main())
