"""The research panel: government identity, batch runs (bad files, resume after kill -9, Dask)
and governments side by side. Reports are the bundled examples and short texts written here."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from luoshi.panel import compare as C
from luoshi.panel.batch import batch
from luoshi.panel.identity import parse

EXAMPLES = Path(__file__).parent.parent / "luoshi" / "examples"


@pytest.mark.parametrize(("name", "level", "province", "key"), [
    pytest.param("保定市阜平县人民政府", "county", "河北省", "河北省/保定市/阜平县", id="county-in-prefecture"),
    pytest.param("保定市人民政府", "prefecture", "河北省", "河北省/保定市", id="prefecture"),
    pytest.param("河北省人民政府", "province", "河北省", "河北省", id="province"),
    pytest.param("国务院", "national", "全国", "全国/国务院", id="national"),
    pytest.param("保定市容城县人民政府（雄安新区托管）", "county", "河北省", "河北省/保定市/容城县", id="note-dropped"),
    pytest.param("北京市朝阳区人民政府", "county", "北京市", "北京市/朝阳区", id="chaoyang-beijing"),
    pytest.param("长春市朝阳区人民政府", "county", "吉林省", "吉林省/长春市/朝阳区", id="chaoyang-changchun"),
])
def test_identity(name: str, level: str, province: str, key: str) -> None:
    assert parse(name, level=level, province=province).key == key


def test_two_governments_of_one_name_are_two() -> None:
    a = parse("北京市朝阳区人民政府", level="county", province="北京市")
    b = parse("长春市朝阳区人民政府", level="county", province="吉林省")
    assert a.name == b.name == "朝阳区" and a.key != b.key


def _report(year: int, gov: str, body: str) -> str:
    return f"——{year}年1月10日在{gov}人民代表大会上\n一、{year - 1}年工作回顾\n{body[0]}\n二、{year}年工作安排\n{body[1]}\n"


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    d = tmp_path / "corpus"
    d.mkdir()
    texts = {
        "2021_baoding": ("保定市人民政府", "prefecture", 2021,
                         ("全市生产总值增长3.9%。", "全市生产总值增长6.5%左右，新增城镇就业5万人。")),
        "2021_fuping": ("保定市阜平县人民政府", "county", 2021,
                        ("全县生产总值增长4%。", "地区生产总值增长8%以上，改造老旧小区12个。")),
        "2022_fuping": ("保定市阜平县人民政府", "county", 2022,
                        ("地区生产总值增长10%左右，完成老旧小区改造12个。", "地区生产总值增长7%。")),
        "2021_chaoyang": ("长春市朝阳区人民政府", "county", 2021, ("生产总值增长5%。", "地区生产总值增长6%。")),
    }
    manifest = tmp_path / "manifest.jsonl"
    with manifest.open("w", encoding="utf-8") as m:
        for stem, (gov, level, year, body) in texts.items():
            (d / f"{stem}.txt").write_text(_report(year, gov, body), encoding="utf-8")
            province = "吉林省" if "长春" in gov else "河北省"
            m.write(json.dumps({"id": stem, "government": gov, "level": level, "province": province, "year": year},
                               ensure_ascii=False) + "\n")
    shutil.copy(EXAMPLES / "boshan_2023.txt", d / "2023_boshan.txt")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    (d / "empty.txt").write_bytes(b"")
    return d, manifest


def _rows(path: Path) -> list[tuple[object, ...]]:
    t = pq.read_table(path).to_pylist()
    return sorted(tuple(r.values()) for r in t)


def test_batch_rows_errors_and_reviews(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    d, manifest = corpus
    out = tmp_path / "panel.parquet"
    s = batch([d], out, jobs=2, manifest=manifest, reviews=True)
    assert (s.reports, s.errors) == (7, 2)
    rows = pq.read_table(out).to_pylist()
    assert {r["report"] for r in rows} == {"2021_baoding", "2021_fuping", "2022_fuping", "2021_chaoyang", "2023_boshan"}
    fuping = [r for r in rows if r["report"] == "2021_fuping" and r["indicator"] == "gdp_growth" and r["role"] == "target"]
    assert [(r["government_key"], r["year"], r["low"], r["comparator"]) for r in fuping] == [
        ("河北省/保定市/阜平县", 2021, 8.0, ">=")]
    assert all(r["engine_version"] for r in rows)
    errors = pq.read_table(tmp_path / "panel.errors.parquet").to_pylist()
    assert sorted(Path(e["file"]).name for e in errors) == ["broken.docx", "empty.txt"]
    reviews = pq.read_table(tmp_path / "panel.reviews.parquet").to_pylist()
    assert {(r["report_n"], r["report_n1"]) for r in reviews} == {("2021_fuping", "2022_fuping")}
    assert {r["metric"]: r["outcome"] for r in reviews}["地区生产总值增长"] == "met"


def test_a_second_run_skips_what_is_done(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    d, manifest = corpus
    out = tmp_path / "panel.parquet"
    first = batch([d], out, jobs=1, manifest=manifest)
    rows = _rows(out)
    again = batch([d], out, jobs=1, manifest=manifest)
    assert (first.skipped, again.skipped) == (0, 7)
    assert _rows(out) == rows


def test_killed_halfway_and_started_again_finishes_with_the_same_rows(corpus: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    d, manifest = corpus
    for i in range(12):  # enough work that the kill lands halfway
        shutil.copy(EXAMPLES / "qingyuan_2023.txt", d / f"2023_qingyuan_copy{i}.txt")
        with (d / f"2023_qingyuan_copy{i}.txt").open("a", encoding="utf-8") as f:
            f.write(f"\n{i}\n")
    clean = tmp_path / "clean.parquet"
    batch([d], clean, jobs=1, manifest=manifest)
    out = tmp_path / "panel.parquet"
    cmd = [sys.executable, "-m", "luoshi", "batch", str(d), "--out", str(out), "--jobs", "1", "--manifest", str(manifest)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = out.with_name(out.name + ".parts")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(parts.glob("report-*"))) < 4:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(list(parts.glob("report-*")))
    assert 0 < done < 19 and not out.exists()
    s = batch([d], out, jobs=2, manifest=manifest)
    assert s.skipped == done
    assert _rows(out) == _rows(clean)


def test_dask_engine_gives_the_same_panel(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    d, manifest = corpus
    local, dask = tmp_path / "local.parquet", tmp_path / "dask.parquet"
    batch([d], local, jobs=2, manifest=manifest)
    s = batch([d], dask, jobs=2, manifest=manifest, engine="dask")
    assert s.errors == 2
    assert _rows(dask) == _rows(local)


def test_compare_sets_children_beside_their_parent(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    d, manifest = corpus
    out = tmp_path / "panel.parquet"
    batch([d], out, jobs=1, manifest=manifest)
    groups = C.side_by_side(C.load(out, "gdp_growth"), 2021)
    assert [(p.government_key, [(c.government, c.target, c.gap) for c in cs]) for p, cs in groups] == [
        ("河北省/保定市", [("阜平县", 8.0, 1.5)])]
    paths = C.chart(C.load(out, "gdp_growth"), "gdp_growth", tmp_path / "gdp")
    assert [Path(p).suffix for p in paths] == [".png", ".svg"]
    assert Path(paths[0]).read_bytes()[:4] == b"\x89PNG" and b"<svg" in Path(paths[1]).read_bytes()[:500]


def test_compare_cli(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from luoshi.cli import main

    d, manifest = corpus
    out = tmp_path / "panel.parquet"
    batch([d], out, jobs=1, manifest=manifest)
    res = CliRunner().invoke(main, ["compare", str(out), "--indicator", "gdp_growth", "--year", "2021"])
    assert res.exit_code == 0, res.output
    assert "阜平县" in res.output and "+1.5" in res.output
    bad = CliRunner().invoke(main, ["compare", str(out), "--indicator", "no_such_code"])
    assert bad.exit_code == 2 and "no such indicator" in bad.output
