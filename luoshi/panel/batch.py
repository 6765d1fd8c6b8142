"""``luoshi batch``: a corpus of reports into one Parquet panel, resumable, in parallel.

Each report is one job: read, extract, and turn its targets and achievements into rows
(``report_rows``). A job's result is written at once to a part file named by the hash of the
report's bytes, its manifest entry and the engine's version, in ``PANEL.parts/``; a run that is
started again skips every report whose part exists, so an interrupted run loses nothing and
never writes a row twice. A report that cannot be read becomes a row of the errors table and
never stops the run. When every job is done the parts are joined, sorted by province,
government and year, into ``PANEL`` (targets and achievements), ``PANEL.errors.parquet`` and,
with ``--reviews``, ``PANEL.reviews.parquet`` (the year-end review of every pair of one
government's consecutive years).

The jobs run in local worker processes (``engine="processes"``) or on a Dask cluster
(``engine="dask"``, the optional ``luoshi[dask]`` extra); the job function is the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..extract.errors import LuoshiError
from .identity import parse

SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")

TARGET_SCHEMA = pa.schema([
    ("report", pa.string()), ("government", pa.string()), ("government_key", pa.string()),
    ("parent", pa.string()), ("level", pa.string()), ("province", pa.string()), ("year", pa.int32()),
    ("role", pa.string()), ("metric", pa.string()), ("indicator", pa.string()), ("low", pa.float64()),
    ("high", pa.float64()), ("unit", pa.string()), ("comparator", pa.string()), ("aspirational", pa.bool_()),
    ("deadline", pa.string()), ("path", pa.string()), ("text", pa.string()), ("span_start", pa.int32()),
    ("span_end", pa.int32()), ("engine_version", pa.string()),
])
ERROR_SCHEMA = pa.schema([("file", pa.string()), ("reason", pa.string()), ("engine_version", pa.string())])
REVIEW_SCHEMA = pa.schema([
    ("report_n", pa.string()), ("report_n1", pa.string()), ("government", pa.string()),
    ("government_key", pa.string()), ("level", pa.string()), ("province", pa.string()), ("year", pa.int32()),
    ("metric", pa.string()), ("indicator", pa.string()), ("low", pa.float64()), ("high", pa.float64()),
    ("unit", pa.string()), ("comparator", pa.string()), ("outcome", pa.string()), ("result_low", pa.float64()),
    ("result_high", pa.float64()), ("result_unit", pa.string()), ("evidence", pa.string()),
    ("reason", pa.string()), ("engine_version", pa.string()),
])
SORT = [("province", "ascending"), ("government_key", "ascending"), ("year", "ascending"),
        ("report", "ascending"), ("role", "descending"), ("span_start", "ascending")]


@dataclass(slots=True)
class Job:
    path: str
    meta: dict[str, Any]  # the manifest's entry (government, level, province, year) or {}
    digest: str = ""


@dataclass(slots=True)
class Outcome:
    """What one job gives back: its rows or its error, and how many characters it read."""

    path: str
    digest: str
    chars: int = 0
    rows: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    identity: dict[str, Any] = field(default_factory=dict)
    written: bool = False  # the worker wrote its part itself (local processes share the disk)


def find_reports(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every report under the given directories and files, in a stable order."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out


def load_manifest(path: str | os.PathLike[str] | None) -> dict[str, dict[str, Any]]:
    """A JSONL manifest (one object per report with ``id`` = the file's stem) by id."""
    if not path:
        return {}
    out: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out[str(row["id"])] = row
            except (ValueError, KeyError, TypeError) as exc:
                raise LuoshiError(str(path), f"line {n} is not a manifest entry with an id: {exc}") from None
    return out


def digest(path: Path, meta: dict[str, Any]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    h.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    h.update(__version__.encode())
    return h.hexdigest()[:32]


def run_job(job: Job) -> Outcome:
    """Read and extract one report into panel rows. Never raises for a bad report."""
    from ..extract import extract_file

    out = Outcome(job.path, job.digest)
    try:
        plan = extract_file(job.path, year=job.meta.get("year"))
    except LuoshiError as exc:
        out.error = exc.reason
        return out
    except Exception as exc:  # a bug on one file must not stop a corpus run
        out.error = f"internal error: {type(exc).__name__}: {exc}"
        return out
    out.chars = len(plan.text)
    ident = _identity(plan.meta.government, plan.meta.level, job.meta)
    out.identity = {**ident, "year": plan.meta.year}
    stem = Path(job.path).stem
    for t in [*plan.targets, *plan.achievements]:
        out.rows.append({
            "report": stem, **ident, "year": plan.meta.year, "role": t.role, "metric": t.metric,
            "indicator": t.indicator, "low": t.low, "high": t.high, "unit": t.unit, "comparator": t.comparator,
            "aspirational": t.aspirational, "deadline": t.deadline, "path": " › ".join(t.path), "text": t.text,
            "span_start": t.span[0], "span_end": t.span[1], "engine_version": __version__,
        })
    return out


def _identity(government: str, level: str, meta: dict[str, Any]) -> dict[str, Any]:
    g = parse(meta.get("government") or government, level=meta.get("level") or level,
              province=meta.get("province", ""))
    return {"government": g.name, "government_key": g.key, "parent": g.parent, "level": g.level,
            "province": g.province}


@dataclass(frozen=True, slots=True)
class _Writing:
    """A job function that writes its own part (local workers): only a summary travels back."""

    func: Callable[[Any], Outcome]
    parts_dir: str
    kind: str
    schema: pa.Schema

    def __call__(self, item: Any) -> Outcome:
        outcome = self.func(item)
        Parts(Path(self.parts_dir), existing=True).write(self.kind, outcome, self.schema)
        outcome.rows = []
        outcome.written = True
        return outcome


def run_review(pair: tuple[Job, Job]) -> Outcome:
    """The year-end review of one government's consecutive reports, as rows."""
    from ..extract import extract_file
    from ..extract.review import review_plans

    a, b = pair
    out = Outcome(f"{a.path} → {b.path}", f"{a.digest}-{b.digest}")
    try:
        plan = extract_file(a.path, year=a.meta.get("year"))
        report = extract_file(b.path, year=b.meta.get("year"))
        review = review_plans(plan, report, force=True)
    except LuoshiError as exc:
        out.error = exc.reason
        return out
    ident = _identity(plan.meta.government, plan.meta.level, a.meta)
    for link in review.links:
        out.rows.append({
            "report_n": Path(a.path).stem, "report_n1": Path(b.path).stem, "government": ident["government"],
            "government_key": ident["government_key"], "level": ident["level"], "province": ident["province"],
            "year": plan.meta.year, "metric": link.metric, "indicator": link.indicator, "low": link.low,
            "high": link.high, "unit": link.unit, "comparator": link.comparator, "outcome": link.outcome,
            "result_low": link.result_low, "result_high": link.result_high, "result_unit": link.result_unit,
            "evidence": link.evidence, "reason": link.reason, "engine_version": __version__,
        })
    return out


# ---------------------------------------------------------------------------- parts


class Parts:
    """The part files of one panel: one per job, written whole (temporary name, then rename)."""

    def __init__(self, panel: Path, *, existing: bool = False) -> None:
        self.dir = panel if existing else panel.with_name(panel.name + ".parts")
        self.dir.mkdir(parents=True, exist_ok=True)

    def path(self, kind: str, key: str) -> Path:
        return self.dir / f"{kind}-{key}.parquet"

    def done(self, kind: str, key: str) -> bool:
        return self.path(kind, key).exists() or (self.dir / f"{kind}-{key}.error.json").exists()

    def write(self, kind: str, outcome: Outcome, schema: pa.Schema) -> None:
        if outcome.error:
            _atomic_text(self.dir / f"{kind}-{outcome.digest}.error.json",
                         json.dumps({"file": outcome.path, "reason": outcome.error}, ensure_ascii=False))
            return
        table = pa.Table.from_pylist(outcome.rows, schema=schema)
        meta = {b"identity": json.dumps(outcome.identity, ensure_ascii=False).encode(),
                b"chars": str(outcome.chars).encode()}
        _atomic_parquet(self.path(kind, outcome.digest), table.replace_schema_metadata(meta))

    def read(self, kind: str, keys: Iterable[str], schema: pa.Schema) -> tuple[pa.Table, list[dict[str, str]]]:
        tables, errors = [], []
        for key in keys:
            p = self.path(kind, key)
            if p.exists():
                tables.append(pq.read_table(p, schema=schema))
            elif (e := self.dir / f"{kind}-{key}.error.json").exists():
                errors.append(json.loads(e.read_text(encoding="utf-8")))
        table = pa.concat_tables(tables) if tables else schema.empty_table()
        return table, errors

    def identity(self, key: str) -> dict[str, Any]:
        p = self.path("report", key)
        if not p.exists():
            return {}
        meta = pq.read_schema(p).metadata or {}
        return dict(json.loads(meta.get(b"identity", b"{}")))


def _atomic_parquet(path: Path, table: pa.Table) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ---------------------------------------------------------------------------- running


Progress = Callable[[Outcome], None]


def execute(func: Callable[[Any], Outcome], items: list[Any], *, jobs: int, engine: str,
            scheduler: str | None = None) -> Iterator[Outcome]:
    """Run ``func`` over ``items``, yielding outcomes as they finish."""
    if not items:
        return
    if engine == "dask":
        yield from _dask(func, items, jobs=jobs, scheduler=scheduler)
    elif jobs <= 1:
        for item in items:
            yield func(item)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        if method == "fork":
            _warm()  # compile the engine's rules once here: forked workers inherit them
        ctx = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            futures = [pool.submit(func, item) for item in items]
            for fut in as_completed(futures):
                yield fut.result()


def _warm() -> None:
    from ..extract import extract

    extract("二、2023年工作安排\n实施重点技改项目160个以上，力争投资5.96亿元。", year=2023)


def _dask(func: Callable[[Any], Outcome], items: list[Any], *, jobs: int, scheduler: str | None) -> Iterator[Outcome]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise LuoshiError("--engine dask", "Dask is not installed: pip install 'luoshi[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        for fut in as_completed(client.map(func, items, pure=False)):
            yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass(slots=True)
class Summary:
    reports: int = 0
    skipped: int = 0
    errors: int = 0
    rows: int = 0
    review_rows: int = 0
    chars: int = 0
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)


def batch(inputs: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str], *, jobs: int | None = None,
          manifest: str | os.PathLike[str] | None = None, reviews: bool = False, engine: str = "processes",
          scheduler: str | None = None, progress: Progress | None = None,
          on_start: Callable[[int], None] | None = None) -> Summary:
    """Run a corpus into a panel (see the module docstring). Returns what was done."""
    t0 = time.perf_counter()
    panel = Path(out)
    entries = load_manifest(manifest)
    files = find_reports(inputs)
    jobs = jobs or os.cpu_count() or 1
    parts = Parts(panel)
    all_jobs = []
    for f in files:
        meta = entries.get(f.stem, {})
        all_jobs.append(Job(str(f), meta, digest(f, meta)))
    todo = [j for j in all_jobs if not parts.done("report", j.digest)]
    todo.sort(key=lambda j: -os.path.getsize(j.path))  # the longest first: the workers finish together
    summary = Summary(reports=len(all_jobs), skipped=len(all_jobs) - len(todo))
    if on_start:
        on_start(len(todo))
    for outcome in execute(_job(run_job, parts, "report", TARGET_SCHEMA, engine), todo, jobs=jobs, engine=engine,
                           scheduler=scheduler):
        if not outcome.written:
            parts.write("report", outcome, TARGET_SCHEMA)
        summary.chars += outcome.chars
        if progress:
            progress(outcome)
    table, errors = parts.read("report", [j.digest for j in all_jobs], TARGET_SCHEMA)
    summary.rows, summary.errors = table.num_rows, len(errors)
    _atomic_parquet(panel, table.sort_by(SORT))
    err_path = panel.with_name(panel.stem + ".errors.parquet")
    _atomic_parquet(err_path, pa.Table.from_pylist(
        [{**e, "engine_version": __version__} for e in errors], schema=ERROR_SCHEMA))
    summary.outputs = [str(panel), str(err_path)]
    if reviews:
        pairs = consecutive_pairs(all_jobs, parts)
        todo_pairs = [p for p in pairs if not parts.done("review", f"{p[0].digest}-{p[1].digest}")]
        for outcome in execute(_job(run_review, parts, "review", REVIEW_SCHEMA, engine), todo_pairs, jobs=jobs,
                               engine=engine, scheduler=scheduler):
            if not outcome.written:
                parts.write("review", outcome, REVIEW_SCHEMA)
        rtable, _ = parts.read("review", [f"{a.digest}-{b.digest}" for a, b in pairs], REVIEW_SCHEMA)
        rev_path = panel.with_name(panel.stem + ".reviews.parquet")
        _atomic_parquet(rev_path, rtable.sort_by([("province", "ascending"), ("government_key", "ascending"),
                                                  ("year", "ascending")]))
        summary.review_rows = rtable.num_rows
        summary.outputs.append(str(rev_path))
    summary.seconds = time.perf_counter() - t0
    return summary


def _job(func: Callable[[Any], Outcome], parts: Parts, kind: str, schema: pa.Schema,
         engine: str) -> Callable[[Any], Outcome]:
    """Local workers write their parts; a Dask cluster's may not share the disk: they send rows."""
    return func if engine == "dask" else _Writing(func, str(parts.dir), kind, schema)


def consecutive_pairs(jobs: list[Job], parts: Parts) -> list[tuple[Job, Job]]:
    """Each government's reports of years N and N+1, by the identity its part recorded."""
    by_gov: dict[tuple[str, int], Job] = {}
    for job in jobs:
        ident = parts.identity(job.digest)
        if ident.get("government_key") and ident.get("year"):
            by_gov.setdefault((ident["government_key"], int(ident["year"])), job)
    return [(job, by_gov[(key, year + 1)]) for (key, year), job in sorted(by_gov.items())
            if (key, year + 1) in by_gov]
