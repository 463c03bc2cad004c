"""The command line: parses arguments, calls the library, turns errors into messages.

Exit codes: 0 ok; 1 some inputs could not be read (the others were processed)
or the run failed; 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence

from consilience import __version__
from consilience.config import DEFAULT_CONFIG, Config
from consilience.errors import ConsilienceError, UsageError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXPORT_FORMATS = ("json", "acled-csv", "geojson")


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=DEFAULT_CONFIG.db_path, metavar="PATH",
                   help=f"SQLite database (default: ./{DEFAULT_CONFIG.db_path})")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar, only errors")
    p.add_argument("-v", "--verbose", action="store_true", help="log each stage's details")
    return p


def _inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders (recursive), or - for standard input: text, HTML, JSONL, RSS/Atom, WARC")
    p.add_argument("--manifest", metavar="FILE",
                   help="CSV/JSONL with path, outlet, url, published, language (a folder's manifest.csv is read by itself)")
    p.add_argument("--fetch", action="store_true", help="fetch feed entries' pages over the network")
    p.add_argument("--allow-outside-manifest", action="store_true",
                   help="let a manifest list files outside its own folder (absolute paths, ../)")


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="consilience",
        description="Rebuild what happened in a conflict from many news reports, cross-checked and source-attributed.",
    )
    parser.add_argument("--version", action="version", version=f"consilience {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("run", parents=[common], help="the main job: ingest, extract, link, write the report")
    _inputs(p)
    p.add_argument("--report", default=DEFAULT_CONFIG.report_path, metavar="FILE",
                   help=f"where to write the HTML report (default: ./{DEFAULT_CONFIG.report_path})")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="worker processes for extraction (default: one per core; 1: in process)")

    p = sub.add_parser("ingest", parents=[common], help="read, clean and store documents only")
    _inputs(p)

    sub.add_parser("status", parents=[common], help="counts of what the database holds")

    p = sub.add_parser("report", parents=[common], help="write the self-contained HTML report")
    p.add_argument("-o", "--output", default=DEFAULT_CONFIG.report_path, metavar="FILE")

    p = sub.add_parser("export", parents=[common], help="write every record (JSON), or events as ACLED CSV or GeoJSON, to stdout or a file")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    p.add_argument("-o", "--output", default="-", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--no-raw", action="store_true", help="leave the documents' raw text out")
    return parser


def _progress(quiet: bool):
    if quiet:
        return lambda it, **_: it
    from tqdm import tqdm

    return lambda it, **kw: tqdm(it, file=sys.stderr, leave=False, disable=None, **kw)


def _cmd_ingest(args: argparse.Namespace, config: Config, *, full_run: bool) -> int:
    from consilience import pipeline
    from consilience.store import Store

    with Store(config.db_path) as store:
        result = pipeline.run(store, args.paths, config=config, manifest=args.manifest, fetch=args.fetch,
                              command=" ".join(sys.argv[1:]) or args.command,
                              report_path=args.report if full_run else None,
                              extract=full_run, progress=_progress(args.quiet))
    for err in result.errors:
        print(f"error: {err}", file=sys.stderr)
    if not args.quiet:
        print(result.summary())
    return EXIT_INPUT if result.errors else EXIT_OK


def _cmd_status(args: argparse.Namespace, config: Config) -> int:
    from consilience.store import Store
    from consilience.store.runs import counts

    with Store(config.db_path) as store:
        data = {"db": config.db_path, "schema_version": store.schema_version, **counts(store.conn)}
    width = max(len(k) for k in data)
    for key, value in data.items():
        print(f"{key:<{width}}  {value}")
    return EXIT_OK


def _cmd_report(args: argparse.Namespace, config: Config) -> int:
    from consilience.report.html import write_report
    from consilience.store import Store

    with Store(config.db_path) as store:
        path = write_report(store, args.output)
    if not args.quiet:
        print(f"report: {path.resolve()}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, config: Config) -> int:
    from consilience.report.export_json import write_json
    from consilience.store import Store

    from consilience.report.export_acled import export_acled
    from consilience.report.export_geojson import export_geojson

    writers = {"json": lambda st, fh: write_json(st, fh, include_raw=not args.no_raw),
               "acled-csv": export_acled, "geojson": export_geojson}
    write = writers[args.format]
    with Store(config.db_path) as store:
        if args.output == "-":
            counts = write(store, sys.stdout)
        else:
            tmp = args.output + ".tmp"
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                counts = write(store, fh)
            os.replace(tmp, args.output)
    if not args.quiet and args.output != "-":
        print(f"exported to {args.output}: " + json.dumps(counts), file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else (logging.ERROR if args.quiet else logging.WARNING),
                        format="%(levelname)s %(message)s", stream=sys.stderr)
    config = DEFAULT_CONFIG.with_overrides(db_path=args.db, workers=getattr(args, "workers", None),
                                           report_path=getattr(args, "report", None),
                                           allow_outside_manifest=getattr(args, "allow_outside_manifest", None))
    try:
        if args.command in ("run", "ingest"):
            return _cmd_ingest(args, config, full_run=args.command == "run")
        if args.command == "status":
            return _cmd_status(args, config)
        if args.command == "report":
            return _cmd_report(args, config)
        if args.command == "export":
            return _cmd_export(args, config)
    except UsageError as err:
        print(f"usage error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except ConsilienceError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; what was stored so far is kept", file=sys.stderr)
        return 130
    parser.error(f"unknown command {args.command!r}")
    return EXIT_USAGE
