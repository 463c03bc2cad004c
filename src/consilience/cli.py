"""The command line: parses arguments, calls the library, turns errors into messages.

Exit codes: 0 ok; 1 some inputs could not be read (the others were processed)
or the run failed; 2 usage error (a bad option, a database that does not
exist for ``status``/``report``/``export``, an output folder that is missing
or not writable); 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).
Errors are printed once each, on stderr, one line each.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from consilience import __version__
from consilience.config import DEFAULT_CONFIG, Config
from consilience.errors import ConsilienceError, MissingDatabaseError, UsageError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
EXPORT_FORMATS = ("json", "acled-csv", "acled-merged-csv", "geojson", "csv", "parquet")
FOLDER_FORMATS = ("csv", "parquet")  # one file per record type, into the folder named by -o


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be 1 or more (1: in process)")
    return value


def _verbosity(p: argparse.ArgumentParser, *, top: bool) -> None:
    """-q/-v, accepted before and after the command (the command's copy leaves the top's value alone)."""
    default = False if top else argparse.SUPPRESS
    p.add_argument("-q", "--quiet", action="store_true", default=default, help="no progress, only errors")
    p.add_argument("-v", "--verbose", action="store_true", default=default, help="log each stage's details")


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=DEFAULT_CONFIG.db_path, metavar="PATH",
                   help=f"SQLite database (default: ./{DEFAULT_CONFIG.db_path})")
    _verbosity(p, top=False)
    return p


def _inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders (recursive), or - for standard input: text, HTML, JSONL, RSS/Atom, WARC")
    p.add_argument("--manifest", metavar="FILE",
                   help="CSV/JSONL with path, outlet, url, published, language (a folder's manifest.csv is read by itself)")
    p.add_argument("--fetch", action="store_true", help="fetch feed entries' pages over the network")
    p.add_argument("--no-wait", action="store_true",
                   help="if another run holds the database, exit (code 1) instead of waiting for it")
    p.add_argument("--allow-outside-manifest", action="store_true",
                   help="let a manifest list files outside its own folder (absolute paths, ../)")


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="consilience",
        description="Rebuild what happened in a conflict from many news reports, cross-checked and source-attributed.",
    )
    parser.add_argument("--version", action="version", version=f"consilience {__version__}")
    _verbosity(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("run", parents=[common], help="the main job: ingest, extract, link, write the report")
    _inputs(p)
    p.add_argument("--report", default=DEFAULT_CONFIG.report_path, metavar="FILE",
                   help=f"where to write the HTML report (default: ./{DEFAULT_CONFIG.report_path})")
    p.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                   help="worker processes for extraction, 1 or more (default: one per core; 1: in process); "
                        "with --engine ray, Ray actors and tasks (default: the CPUs of the local Ray or the cluster)")
    p.add_argument("--engine", choices=("local", "ray"), default=DEFAULT_CONFIG.engine,
                   help="where extraction and linking run: local (default) or ray (Ray Data actors; "
                        "needs pip install 'consilience[ray]')")
    p.add_argument("--address", metavar="ADDR",
                   help="with --engine ray: the Ray cluster to join (auto, HOST:PORT, ray://HOST:10001); "
                        "default: a local Ray started for the run")

    p = sub.add_parser("ingest", parents=[common], help="read, clean and store documents only")
    _inputs(p)

    sub.add_parser("status", parents=[common], help="counts of what the database holds (read-only)")

    p = sub.add_parser("report", parents=[common], help="write the self-contained HTML report (read-only on the database)")
    p.add_argument("-o", "--output", default=DEFAULT_CONFIG.report_path, metavar="FILE")

    p = sub.add_parser("export", parents=[common],
                       help="write every record (JSON), events as ACLED CSV or GeoJSON, or flat CSV/Parquet "
                            "tables per record type (read-only on the database)")
    p.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="output file (default: stdout); for csv and parquet a folder, one file per record type")
    p.add_argument("--no-raw", action="store_true", help="leave the documents' raw text out")
    p.add_argument("--no-csv-safety", action="store_true",
                   help="CSV: write cells raw; by default a text cell starting with = + - @ tab or CR gets a "
                        "leading ' so spreadsheets do not run it as a formula (numbers stay numbers)")

    p = sub.add_parser("serve", parents=[common], help="browse the database in a local web app (read-only)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="server processes (default: 1; more serve more clients at once on a multi-core machine)")
    return parser


def _one_line(text: str) -> str:
    """A message on one line: control characters (a newline in a file name) are escaped."""
    return "".join(c if c.isprintable() or c == "\t" else repr(c)[1:-1] for c in text)


def _error(message: object) -> None:
    print(f"error: {_one_line(str(message))}", file=sys.stderr)


def _progress(quiet: bool):
    from consilience.progress import SILENT, Progress

    return SILENT if quiet else Progress(sys.stderr)


def _writable_output(path: str, what: str) -> None:
    """A usage error unless ``path`` can be created: its folder exists and is writable."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"{what} {path!r} is a folder; name a file")
    if not folder.is_dir():
        raise UsageError(f"{what} {path!r}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{what} {path!r}: folder {str(folder)!r} is not writable")


def _open_readonly(config: Config):
    from consilience.store import Store

    return Store(config.db_path, readonly=True)


def _cmd_ingest(args: argparse.Namespace, config: Config, *, full_run: bool) -> int:
    from consilience import pipeline
    from consilience.store import Store

    if full_run:
        _writable_output(args.report, "--report")
    engine = None
    if full_run:
        from consilience.engines import open_engine

        engine = open_engine(config)    # a usage error (exit 2) before anything is read or written
    progress = _progress(args.quiet)
    try:
        with Store(config.db_path, lock=True, wait=not args.no_wait,
                   on_wait=lambda msg: print(msg, file=sys.stderr, flush=True)) as store:
            result = pipeline.run(store, args.paths, config=config, manifest=args.manifest, fetch=args.fetch,
                                  command=" ".join(sys.argv[1:]) or args.command,
                                  report_path=args.report if full_run else None,
                                  extract=full_run, progress=progress, engine=engine)
    finally:
        if engine is not None:
            engine.close()
        close = getattr(progress, "close", None)
        if close is not None:
            close()
    for err in result.errors:
        _error(err)
    if not args.quiet:
        print(result.summary())
    return EXIT_INPUT if result.errors else EXIT_OK


def _cmd_status(args: argparse.Namespace, config: Config) -> int:
    from consilience.store.runs import counts, run_states

    with _open_readonly(config) as store:
        states = run_states(store.conn, config.db_path)
        data = {"db": config.db_path, "schema_version": store.schema_version, **counts(store.conn)}
    data["runs"] = ", ".join(f"{n} {state}" for state, n in sorted(states.items())) or "0"
    width = max(len(k) for k in data)
    for key, value in data.items():
        print(f"{key:<{width}}  {value}")
    if states.get("interrupted"):
        print(f"note: {states['interrupted']} run(s) were interrupted; run again to finish the work "
              "(what they stored is complete per document)", file=sys.stderr)
    return EXIT_OK


def _cmd_report(args: argparse.Namespace, config: Config) -> int:
    from consilience.report.html import write_report

    _writable_output(args.output, "-o")
    progress = _progress(args.quiet)
    with _open_readonly(config) as store, progress.stage("report", f"writing {args.output}"):
        path = write_report(store, args.output)
    if not args.quiet:
        print(f"report: {path.resolve()}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, config: Config) -> int:
    from consilience.report.export_acled import export_acled
    from consilience.report.export_acled_merged import export_acled_merged
    from consilience.report.export_geojson import export_geojson
    from consilience.report.export_json import write_json

    safe = not args.no_csv_safety
    writers = {"json": lambda st, fh: write_json(st, fh, include_raw=not args.no_raw),
               "acled-csv": lambda st, fh: export_acled(st, fh, csv_safety=safe),
               "acled-merged-csv": lambda st, fh: export_acled_merged(st, fh, csv_safety=safe),
               "geojson": export_geojson}
    write = writers.get(args.format)
    if args.output != "-" and args.format not in FOLDER_FORMATS:
        _writable_output(args.output, "-o")
    if args.format in FOLDER_FORMATS:
        from consilience.report.export_tables import write_csv, write_parquet

        if args.output == "-":
            raise UsageError(f"--format {args.format} writes one file per record type: name a folder with -o")
        with _open_readonly(config) as store:
            counts = (write_csv(store, args.output, csv_safety=safe) if args.format == "csv"
                      else write_parquet(store, args.output))
        if not args.quiet:
            print(f"exported to {args.output}/: " + json.dumps(counts), file=sys.stderr)
        return EXIT_OK
    with _open_readonly(config) as store:
        if args.output == "-":
            counts = write(store, sys.stdout)
            sys.stdout.flush()
        else:
            tmp = args.output + ".tmp"
            try:
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    counts = write(store, fh)
                os.replace(tmp, args.output)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    if not args.quiet and args.output != "-":
        print(f"exported to {args.output}: " + json.dumps(counts), file=sys.stderr)
    return EXIT_OK


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so the run is closed as ``interrupted``."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated()


def _quiet_broken_pipe() -> None:
    """stdout's reader went away (``| head``): send what is left to /dev/null, without a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _cmd_serve(args: argparse.Namespace, config: Config) -> int:
    from consilience.web import create_app, serve

    create_app(config.db_path)  # StoreError (missing, not a store, too old) before anything listens
    print(f"serving {config.db_path} read-only at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    serve(config.db_path, host=args.host, port=args.port, workers=args.workers,
          log_level="info" if args.verbose else "warning")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else (logging.ERROR if args.quiet else logging.WARNING),
                        format="%(levelname)s %(message)s", stream=sys.stderr)
    config = DEFAULT_CONFIG.with_overrides(db_path=args.db,
                                           workers=getattr(args, "workers", None) if args.command != "serve" else None,
                                           report_path=getattr(args, "report", None),
                                           engine=getattr(args, "engine", None),
                                           ray_address=getattr(args, "address", None),
                                           allow_outside_manifest=getattr(args, "allow_outside_manifest", None))
    commands = {"run": lambda: _cmd_ingest(args, config, full_run=True),
                "ingest": lambda: _cmd_ingest(args, config, full_run=False),
                "status": lambda: _cmd_status(args, config),
                "report": lambda: _cmd_report(args, config),
                "export": lambda: _cmd_export(args, config),
                "serve": lambda: _cmd_serve(args, config)}
    writes = args.command in ("run", "ingest")
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if writes and _in_main_thread() else None
    try:
        code = commands[args.command]()
        sys.stdout.flush()   # a closed pipe shows here, not as a traceback at exit
        return code
    except (UsageError, MissingDatabaseError) as err:
        print(f"usage error: {_one_line(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    except ConsilienceError as err:
        _error(err)
        return EXIT_INPUT
    except OSError as err:
        if isinstance(err, BrokenPipeError):
            _quiet_broken_pipe()
            return EXIT_INPUT
        _error(f"{err.strerror or err}" + (f": {err.filename!r}" if err.filename else ""))
        return EXIT_INPUT
    except KeyboardInterrupt as exc:
        kept = "; the run is marked interrupted and what was stored so far is kept" if writes else ""
        terminated = isinstance(exc, _Terminated)
        print(("terminated" if terminated else "interrupted") + kept, file=sys.stderr)
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
