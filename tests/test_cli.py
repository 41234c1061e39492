"""The ``tcmap`` command line, end to end on the sample articles in seeds/.

These run the real pipeline (reader, gazetteer, spaCy, timeline, map) in
process with click's runner and parse what a user would read or load.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import EXIT_FATAL, EXIT_OK, EXIT_SKIPPED, cli

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def seed_claims(boundaries, runner) -> list[dict]:
    res = invoke(runner, "extract", str(SEEDS), "--format", "jsonl")
    assert res.exit_code == EXIT_OK, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def status_on(boundaries, runner):
    cache: dict[str, dict[str, dict]] = {}

    def get(day: str) -> dict[str, dict]:
        if day not in cache:
            res = invoke(runner, "status", str(SEEDS), "--date", day, "--format", "csv", "--all")
            assert res.exit_code == EXIT_OK, res.output
            rows = list(csv.DictReader(io.StringIO(res.stdout)))
            cache[day] = {r["adm2_pcode"]: r for r in rows}
        return cache[day]

    return get


CLAIM_FIELDS = {
    "article_id", "published", "published_source", "mention", "char_start", "char_end", "sentence",
    "place_level", "place_name", "adm2_pcode", "adm1_pcode", "lat", "lon", "controller", "event_date",
    "time_precision", "geo_precision", "scope", "attributed_to", "source_type", "confidence",
}


def test_extract_writes_claim_records_with_every_contract_field(seed_claims):
    assert seed_claims
    for c in seed_claims:
        assert CLAIM_FIELDS <= set(c)
        assert c["controller"] in {"taliban", "government", "contested"}
        assert c["place_level"] in {"district", "province", "point"}
        assert c["source_type"] in {"taliban", "government", "third_party", "reporter"}
        assert c["time_precision"] in {"day", "week", "month", "unknown"}


def test_extract_offsets_point_at_the_mention_in_the_article_text(seed_claims):
    from geo.ingest.articles import read_articles

    texts = {a.id: a.text for a in read_articles([SEEDS])}
    for c in seed_claims:
        assert texts[c["article_id"]][c["char_start"]:c["char_end"]] == c["mention"]


def test_jani_khel_of_paktia_is_taliban_from_the_wednesday(seed_claims, status_on):
    jani = [c for c in seed_claims if c["adm2_pcode"] == "AF1309" and c["published"] == "2021-06-23"]
    assert jani and all(c["controller"] == "taliban" for c in jani)
    assert {c["event_date"] for c in jani} == {"2021-06-23"}
    assert not [c for c in seed_claims if c["adm2_pcode"] == "AF1209"], "Jani Khel of Paktika was never named"
    row = status_on("2021-06-23")["AF1309"]
    assert (row["status"], row["since"]) == ("taliban", "2021-06-23")


def test_shir_khan_bandar_colours_imam_sahib_from_the_tuesday(seed_claims, status_on):
    crossing = [c for c in seed_claims if c["place_level"] == "point" and c["adm2_pcode"] == "AF1905"
                and c["published"] == "2021-06-23"]
    assert crossing and crossing[0]["lat"] and crossing[0]["lon"]
    assert status_on("2021-06-21")["AF1905"]["status"] == "no_report"
    row = status_on("2021-06-22")["AF1905"]
    assert (row["status"], row["since"]) == ("taliban", "2021-06-22")


def test_islam_qala_claim_and_denial_leave_kohsan_partly_reported_and_the_crossing_contested(
        seed_claims, status_on, runner):
    kohsan = {c["controller"] for c in seed_claims if c["adm2_pcode"] == "AF3213"}
    assert {"taliban", "government"} <= kohsan
    row = status_on("2021-07-10")["AF3213"]
    assert (row["status"], row["unconfirmed"]) == ("partly_reported", "False")
    res = invoke(runner, "status", str(SEEDS), "--date", "2021-07-10", "--points", "--format", "csv")
    assert res.exit_code == EXIT_OK, res.output
    points = {r["place"]: r for r in csv.DictReader(io.StringIO(res.stdout))}
    crossing = points["Islam Qala"]
    # two senior officials admitting the fall confirm it; the ministry's denial makes it contested
    assert (crossing["adm2_pcode"], crossing["status"], crossing["unconfirmed"]) == ("AF3213", "contested", "False")
    assert points["Qala-e-Naw"]["centre"] == "True"


def test_points_colour_districts_restores_the_old_rule(runner):
    res = invoke(runner, "status", str(SEEDS), "--date", "2021-07-10", "--format", "csv",
                 "--points-colour-districts")
    assert res.exit_code == EXIT_OK, res.output
    rows = {r["adm2_pcode"]: r for r in csv.DictReader(io.StringIO(res.stdout))}
    assert rows["AF3213"]["status"] == "contested"


def test_a_mixed_attribution_confirms_jani_khel(status_on):
    # "Taliban and Afghan official sources": two parties agree, not one side's own claim
    assert status_on("2021-07-10")["AF1309"]["unconfirmed"] == "False"


def test_qala_e_naw_is_government_on_the_tenth_of_july(status_on):
    assert status_on("2021-07-10")["AF3101"]["status"] == "government"


def test_distance_references_and_incident_sites_colour_nothing(seed_claims, status_on):
    # "50 km from Kunduz city" and a rocket hitting a hospital in Kunar.
    assert not [c for c in seed_claims if c["adm2_pcode"] == "AF1901"]
    assert not [c for c in seed_claims if c["adm1_pcode"] == "AF15"]
    day = status_on("2021-07-10")
    assert day["AF1901"]["status"] == "no_report"
    assert all(r["status"] == "no_report" for p, r in day.items() if p.startswith("AF15"))


def test_status_lists_every_district_with_all(status_on):
    assert len(status_on("2021-07-10")) == 399


def test_map_writes_an_offline_html_file(boundaries, runner, tmp_path):
    out = tmp_path / "map.html"
    res = invoke(runner, "map", str(SEEDS), "--out", str(out))
    assert res.exit_code == EXIT_OK, res.output
    html = out.read_text(encoding="utf-8")
    assert out.stat().st_size < 1_500_000
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']https?://", html)
    assert "Jani Khel" in html and "CC BY-IGO" in html


def test_eval_prints_the_judges_figures(boundaries, runner):
    gold = REPO.parent / "shared" / "eval" / "dev"
    if not gold.is_dir():
        pytest.skip("no ../shared/eval/dev")
    res = invoke(runner, "eval", str(gold), "--json")
    assert res.exit_code in (EXIT_OK, EXIT_SKIPPED), res.output
    scores = json.loads(res.stdout)
    figures = [scores["claims"][k] for k in ("precision", "recall", "f1")]
    figures += [scores["places"]["f1"], scores["dates"]["exact"], scores["dates"]["within_one_day"]]
    assert all(0.0 <= f <= 1.0 for f in figures)
    assert scores["articles"] == 20


def test_a_bad_file_is_skipped_named_and_counted_without_stopping_the_batch(boundaries, runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(" date 2021-07-01 Taliban fighters captured Khwaja Ghar district of Takhar province on Tuesday.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    res = invoke(runner, "extract", str(tmp_path), "--format", "jsonl")
    assert res.exit_code == EXIT_SKIPPED
    assert "empty.txt" in res.stderr and "scan.txt" in res.stderr
    claims = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert [(c["adm2_pcode"], c["controller"], c["event_date"]) for c in claims] == [("AF1809", "taliban", "2021-06-29")]
    assert "1 article read, 2 skipped" in res.stderr


def test_nothing_readable_is_a_fatal_exit(boundaries, runner, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = invoke(runner, "extract", str(tmp_path / "empty.txt"))
    assert res.exit_code == EXIT_FATAL
    assert "No article could be read" in res.stderr


def test_an_empty_folder_writes_no_blank_map(boundaries, runner, tmp_path):
    (tmp_path / "emptydir").mkdir()
    out = tmp_path / "x.html"
    res = invoke(runner, "map", str(tmp_path / "emptydir"), "--out", str(out))
    assert res.exit_code == EXIT_FATAL
    assert "No article found in" in res.stderr and "emptydir" in res.stderr and ".txt" in res.stderr
    assert not out.exists()


def test_map_refuses_a_png_and_names_the_command_that_writes_one(runner, tmp_path):
    out = tmp_path / "x.png"
    res = invoke(runner, "map", str(SEEDS), "--out", str(out))
    assert res.exit_code == 2
    assert "tcmap png" in res.stderr and "Usage:" in res.stderr
    assert not out.exists()


def test_bad_date_option_is_a_usage_error(runner):
    res = invoke(runner, "status", "seeds", "--date", "2021-02-30")
    assert res.exit_code == 2
    assert "expected a date as YYYY-MM-DD" in res.stderr


def test_ingest_twice_changes_nothing_and_status_reads_from_the_store(boundaries, runner, tmp_path, monkeypatch):
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    art = tmp_path / "in" / "report.txt"
    art.parent.mkdir()
    art.write_text(" date 2021-07-01 Government forces retook Bangi district of Takhar province on Tuesday.\n")
    first = invoke(runner, "ingest", str(art.parent))
    assert first.exit_code == EXIT_OK, first.output
    again = invoke(runner, "ingest", str(art.parent))
    assert again.exit_code == EXIT_OK
    assert "1 article(s) already in the store" in again.stderr
    res = invoke(runner, "status", "--store", "--date", "2021-07-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["adm2_pcode"], r["status"], r["since"]) for r in rows] == [("AF1804", "government", "2021-06-29")]


def test_python_dash_m_geo_is_tcmap():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "geo", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("tcmap, version ")


def test_extract_from_the_store_leaves_rejected_claims_out(boundaries, runner, tmp_path, monkeypatch):
    from geo.app.store import Store

    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(
        " date 2021-07-01 The Taliban captured Chahab district of Takhar province on Tuesday. "
        "Government forces retook Bangi district of Takhar province on Wednesday.\n"
    )
    assert invoke(runner, "ingest", str(tmp_path / "in")).exit_code == EXIT_OK
    st = Store.open()
    bangi = next(c for c in st.stored_claims() if c.claim.adm2_pcode == "AF1804")
    st.reject_claim(bangi.id, "misread")
    res = invoke(runner, "extract", "--store", "--format", "jsonl")
    got = [(c["adm2_pcode"], c["controller"]) for c in map(json.loads, res.stdout.splitlines())]
    assert got == [("AF1816", "taliban")]


def test_a_file_that_is_not_a_store_is_a_clear_fatal_error(runner, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("TCMAP_HOME", str(home))
    for name in ("tcmap.sqlite3",):
        (home / name).write_bytes(b"this is not a database" * 100)
    res = invoke(runner, "status", "--store", "--date", "2021-07-01")
    assert res.exit_code == EXIT_FATAL
    assert "tcmap.sqlite3" in res.stderr


def test_every_command_and_exit_code_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, cmd in cli.commands.items():
        subs = getattr(cmd, "commands", None)
        for full in ([f"tcmap {name} {s}" for s in subs] if subs else [f"tcmap {name}"]):
            assert f"`{full}" in readme, full
    for code in (EXIT_OK, EXIT_SKIPPED, 2, EXIT_FATAL):
        assert f"`{code}`" in readme


def test_a_bad_geocoder_setting_stops_before_any_work(boundaries, runner, tmp_path, monkeypatch):
    monkeypatch.setenv("TCMAP_GEOCODER", "google")
    res = invoke(runner, "extract", str(SEEDS))
    assert res.exit_code == EXIT_FATAL
    assert "TCMAP_GEOCODER" in res.stderr and "'google'" in res.stderr


def test_export_writes_the_point_places_beside_the_districts(boundaries, runner, tmp_path):
    out = tmp_path / "status.csv"
    res = invoke(runner, "export", str(SEEDS), "--format", "csv", "--date", "2021-07-10", "--out", str(out))
    assert res.exit_code == EXIT_OK, res.output
    with open(tmp_path / "status.points.csv", newline="", encoding="utf-8") as fh:
        points = {r["name"]: r for r in csv.DictReader(fh)}
    assert points["Islam Qala"]["status"] == "contested" and points["Islam Qala"]["adm2_pcode"] == "AF3213"
    assert points["Shir Khan Bandar"]["status"] == "taliban"
    assert "status.points.csv" in res.stderr


def test_imam_sahib_lists_each_sentence_of_an_article_once(boundaries, runner, tmp_path):
    # One sentence names the district and the Shir Khan Bandar crossing inside it.
    for extra in ((), ("--points-colour-districts",)):
        res = invoke(runner, "status", str(SEEDS), "--date", "2021-07-10", "--format", "csv", *extra)
        assert res.exit_code == EXIT_OK, res.output
        row = next(r for r in csv.DictReader(io.StringIO(res.stdout)) if r["adm2_pcode"] == "AF1905")
        out = tmp_path / "m.html"
        assert invoke(runner, "map", str(SEEDS), "--out", str(out), *extra).exit_code == EXIT_OK
        data = json.loads(re.search(r'id="tcmap-data">(.*?)</script>', out.read_text(encoding="utf-8"),
                                    re.DOTALL).group(1))
        j = [d[0] for d in data["districts"]].index("AF1905")
        last = [seg for seg in data["segs"][j] if len(seg) > 1][-1]
        shown = [(data["ev"][r][0], data["ev"][r][5]) for r in last[2]]  # (sentence, article)
        assert shown and len(shown) == len(set(shown)) == int(row["claims"]), (extra, shown)


# --- tcmap compare ---------------------------------------------------------------------------

REFERENCE = REPO / "docs" / "examples" / "reference_seeds.csv"


@pytest.fixture(scope="module")
def seed_claims_file(seed_claims, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("claims") / "seeds.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in seed_claims), encoding="utf-8")
    return path


def test_compare_lines_the_seed_map_up_against_the_example_reference(boundaries, runner, tmp_path):
    out = tmp_path / "disagreements.csv"
    res = invoke(runner, "compare", str(REFERENCE), str(SEEDS), "--json", "--disagreements", str(out))
    assert res.exit_code == EXIT_OK, res.output
    got = json.loads(res.stdout)
    assert got["reference"]["rows"] == 19 and got["reference"]["unmatched"] == []
    assert got["reference_rows"] == 19 and 0.0 <= got["agreement"] <= 1.0
    assert set(got["statuses"]) == {"taliban", "government", "contested"}
    kohsan = [d for d in got["disagreements"] if d["adm2_pcode"] == "AF3213" and d["origin"] == "row"]
    # only the Islam Qala crossing inside Kohsan was reported: the district is partly reported
    assert kohsan and kohsan[0]["reference"] == "taliban" and kohsan[0]["tcmap"] == "partly_reported"
    assert kohsan[0]["articles"].startswith("004_")
    assert not [d for d in got["disagreements"] if d["adm2_pcode"] == "AF1309"], "Jani Khel agrees"
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(got["disagreements"])
    assert {"adm2_pcode", "district", "date", "reference", "tcmap", "evidence"} <= set(rows[0])


def test_compare_prints_figures_and_disagreements_for_people(boundaries, runner, seed_claims_file):
    res = invoke(runner, "compare", str(REFERENCE), "--claims", str(seed_claims_file))
    assert res.exit_code == EXIT_OK, res.output
    assert "Agreement:" in res.stdout and "precision" in res.stdout and "Disagreements (" in res.stdout
    assert "Kohsan (Hirat): reference taliban (line 16); tcmap partly_reported" in res.stdout
    assert "columns not used: note" in res.stderr


def test_compare_tolerance_and_one_sided_change_what_is_counted(boundaries, runner, seed_claims_file):
    def figures(*extra):
        res = invoke(runner, "compare", str(REFERENCE), "--claims", str(seed_claims_file), "--json", *extra)
        assert res.exit_code == EXIT_OK, res.output
        return json.loads(res.stdout)

    exact, loose, one = figures(), figures("--tolerance-days", "2"), figures("--one-sided")
    assert loose["agreed"] >= exact["agreed"]
    assert exact["absent_from_reference"] > 0 and one["absent_from_reference"] == 0
    assert one["statuses"]["taliban"]["precision"] is None and one["unmentioned"]
    until = figures("--until", "2021-06-30")
    assert until["rows_after_until"] == 6  # the July rows


def test_compare_lists_names_that_match_no_district_and_exits_1(boundaries, runner, seed_claims_file, tmp_path):
    ref = tmp_path / "ref.csv"
    ref.write_text("district,province,date,status\nJani Khel,Paktia,2021-06-23,taliban\n"
                   "Sher Khan Bandar,Kunduz,2021-06-22,taliban\nNarnia,,2021-06-22,taliban\n", encoding="utf-8")
    res = invoke(runner, "compare", str(ref), "--claims", str(seed_claims_file), "--json")
    assert res.exit_code == EXIT_SKIPPED, res.output
    assert f"{ref}:3: 'Sher Khan Bandar' (Kunduz): Shir Khan Bandar is a crossing in Imam Sahib" in res.stderr
    assert f"{ref}:4: 'Narnia'" in res.stderr
    got = json.loads(res.stdout)
    assert got["reference_rows"] == 1 and [u["lines"] for u in got["reference"]["unmatched"]] == [[3], [4]]


def test_compare_a_capture_list_without_status_reads_with_one_sided(boundaries, runner, seed_claims_file, tmp_path):
    ref = tmp_path / "captures.csv"
    ref.write_text("district,province,date\nChahab,Takhar,2021-06-22\nKhajaghar,Takhar,2021-06-22\n", encoding="utf-8")
    res = invoke(runner, "compare", str(ref), "--claims", str(seed_claims_file), "--one-sided", "--json")
    assert res.exit_code == EXIT_OK, res.output
    got = json.loads(res.stdout)
    assert got["statuses"]["taliban"]["reference"] == 2 and got["statuses"]["taliban"]["recall"] == 0.5
    res = invoke(runner, "compare", str(ref), "--claims", str(seed_claims_file))
    assert res.exit_code == EXIT_FATAL and "--one-sided" in res.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", ":1: the file is empty"),
        ("district,province\nBangi,Takhar\n", ":1: expected 'date' and 'status' columns"),
        ("district,date,status\nBangi,2021-06-31,taliban\n", ":2: '2021-06-31' is not a real day"),
        ("district,date,status\nBangi,2021-06-21,won\n", ":2: expected a status taliban, government, contested"),
        ("district,2021-06-01,June 2021x1\nBangi,1,0\n", ":1: the header 'June 2021x1' is neither"),
        ("district,date,status\nNarnia,2021-06-21,1\n", "names a district tcmap knows: nothing to compare"),
    ],
)
def test_compare_a_bad_reference_is_a_fatal_error_naming_file_and_line(boundaries, runner, tmp_path, text, message):
    ref = tmp_path / "ref.csv"
    ref.write_text(text, encoding="utf-8")
    res = invoke(runner, "compare", str(ref), "--claims", str(tmp_path / "never-read.jsonl"))
    assert res.exit_code == EXIT_FATAL, res.output
    assert message in res.stderr and "ref.csv" in res.stderr


@pytest.mark.parametrize(
    "args",
    [["missing.csv", "seeds"], [str(REFERENCE), "seeds", "--until", "2021-13-01"],
     [str(REFERENCE), "seeds", "--tolerance-days", "-1"]],
)
def test_compare_bad_arguments_are_usage_errors(runner, args):
    res = invoke(runner, "compare", *args)
    assert res.exit_code == 2, res.output


def test_compare_csv_keeps_article_text_from_running_as_a_formula(boundaries, runner, tmp_path):
    claim = {
        "article_id": "x1", "published": "2021-07-01", "published_source": "header", "mention": "Bangi",
        "char_start": 1, "char_end": 6, "sentence": "=HYPERLINK(\"http://example.invalid\",\"Bangi fell\")",
        "place_level": "district", "place_name": "Bangi", "adm2_pcode": "AF1804", "adm1_pcode": "AF18",
        "lat": None, "lon": None, "controller": "taliban", "event_date": "2021-07-01", "time_precision": "day",
        "geo_precision": 1, "scope": None, "attributed_to": "reporter", "source_type": "reporter", "confidence": 0.9,
    }  # fmt: skip
    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps(claim) + "\n", encoding="utf-8")
    ref = tmp_path / "ref.csv"
    ref.write_text("district,province,date,status\nBangi,Takhar,2021-07-01,government\n", encoding="utf-8")
    out = tmp_path / "dis.csv"
    res = invoke(runner, "compare", str(ref), "--claims", str(claims), "--disagreements", str(out))
    assert res.exit_code == EXIT_OK, res.output
    (row,) = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert row["evidence"].startswith("'=HYPERLINK")


def test_compare_says_when_reference_rows_are_later_than_tcmaps_newest_report(boundaries, runner, seed_claims_file,
                                                                               tmp_path):
    ref = tmp_path / "ref.csv"
    ref.write_text("district,province,date,status\nBangi,Takhar,2021-06-21,government\n"
                   "Bangi,Takhar,2021-08-15,taliban\n", encoding="utf-8")
    res = invoke(runner, "compare", str(ref), "--claims", str(seed_claims_file))
    assert res.exit_code == EXIT_OK, res.output
    assert "1 reference row(s) are dated after tcmap's newest report (2021-07-10); --until 2021-07-10" in res.stderr
    res = invoke(runner, "compare", str(ref), "--claims", str(seed_claims_file), "--until", "2021-07-10", "--json")
    assert json.loads(res.stdout)["rows_after_until"] == 1 and "newest report" not in res.stderr


def test_compare_reads_a_wide_table_one_column_per_date(boundaries, runner, seed_claims_file, tmp_path):
    ref = tmp_path / "wide.csv"
    ref.write_text("District,Province,2021-06-20,2021-06-25,Source\n"
                   "Imam Sahib,Kunduz,government,taliban,newsroom\n"
                   "Jani Khel,Paktia,,taliban,newsroom\n", encoding="utf-8")
    res = invoke(runner, "compare", str(ref), "--claims", str(seed_claims_file), "--one-sided", "--json")
    assert res.exit_code == EXIT_OK, res.output
    got = json.loads(res.stdout)
    assert got["reference"]["layout"] == "wide" and got["reference"]["ignored_columns"] == ["Source"]
    assert (got["reference_rows"], got["agreed"]) == (3, 2)
    (miss,) = got["disagreements"]
    assert (miss["adm2_pcode"], miss["date"], miss["reference"], miss["tcmap"]) == (
        "AF1905", "2021-06-20", "government", "no_report")


# ---------------------------------------------------------------------------
# Numbers users type: every numeric option and variable is range-checked (exit 2)
# ---------------------------------------------------------------------------

BAD_SIZES = ["0", "-1", "nan", "inf", "-inf", "1e308", "abc", ""]


@pytest.mark.parametrize("value", BAD_SIZES)
def test_a_bad_max_article_mb_is_a_usage_error(runner, tmp_path, value):
    (tmp_path / "a.txt").write_text("The Taliban took a district on Tuesday.\n", encoding="utf-8")
    for command in ("extract", "places", "counts", "ingest"):
        res = runner.invoke(cli, [command, str(tmp_path / "a.txt"), f"--max-article-mb={value}"])
        assert res.exit_code == 2, (command, value, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
        assert "--max-article-mb" in res.stderr


@pytest.mark.parametrize("variable", ["TCMAP_MAX_ARTICLE_MB", "TCMAP_MAX_UPLOAD_MB", "TCMAP_MAX_ZIP_FILES",
                                      "TCMAP_MAX_ZIP_UNCOMPRESSED_MB", "TCMAP_MAX_ZIP_RATIO"])
@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "1e308", "12abc"])
def test_a_bad_limit_variable_is_a_usage_error_naming_it(runner, tmp_path, monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    (tmp_path / "a.txt").write_text("The Taliban took a district on Tuesday.\n", encoding="utf-8")
    res = runner.invoke(cli, ["places", str(tmp_path / "a.txt")])
    assert res.exit_code == 2, res.output
    assert not isinstance(res.exception, (ValueError, OverflowError)), res.exception
    assert variable in res.stderr and repr(value) in res.stderr
    assert "Traceback" not in res.output


@pytest.mark.parametrize("option", ["--stale-days", "--contest-days"])
@pytest.mark.parametrize("value", ["-1", "99999999999999999999", "nan", "1.5"])
def test_bad_day_counts_are_usage_errors(runner, tmp_path, option, value):
    (tmp_path / "a.txt").write_text("The Taliban took a district on Tuesday.\n", encoding="utf-8")
    res = runner.invoke(cli, ["status", str(tmp_path / "a.txt"), "--date", "2021-07-01", f"{option}={value}"])
    assert res.exit_code == 2, res.output
    assert option in res.stderr


@pytest.mark.parametrize("option", ["--workers", "--partition-size"])
@pytest.mark.parametrize("value", ["0", "-3", "99999999999999999999"])
def test_bad_cluster_sizes_are_usage_errors(runner, tmp_path, option, value):
    res = runner.invoke(cli, ["extract", str(tmp_path), f"{option}={value}"])
    assert res.exit_code == 2, res.output
    assert option in res.stderr


# ---------------------------------------------------------------------------
# Spreadsheet formulas: no CSV cell tcmap writes starts a formula
# ---------------------------------------------------------------------------

FORMULA_IDS = ['=HYPERLINK("http://example.org","x")', "+1+2", "-3+4", "@SUM(A1:A9)", "\t=1", "\uff1d1+1"]


def _hostile_jsonl(path: Path) -> Path:
    lines = [
        {"id": FORMULA_IDS[i], "date": "2021-07-01",
         "text": f"{FORMULA_IDS[i]} The Taliban captured Chahab district of Takhar province on Tuesday."}
        for i in range(len(FORMULA_IDS))
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return path


def _no_formula(rows: list[dict]) -> None:
    from geo.csvcells import FORMULA_START

    assert rows
    for row in rows:
        for key, value in row.items():
            assert not (value or "").startswith(FORMULA_START), (key, value)


@pytest.mark.parametrize("command", [["extract", "--format", "csv"], ["places", "--format", "csv"]])
def test_csv_outputs_never_start_a_cell_with_a_formula(boundaries, runner, tmp_path, command):
    src = _hostile_jsonl(tmp_path / "hostile.jsonl")
    res = invoke(runner, *command, str(src))
    assert res.exit_code == EXIT_OK, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    _no_formula(rows)
    ids = {r["article_id"] for r in rows}
    assert ids == {"'" + i.strip() for i in FORMULA_IDS}  # the value is kept, shown as text


def test_the_dask_csv_sink_guards_cells_too(tmp_path):
    from geo.cli import CLAIM_COLUMNS
    from geo.scale.dataset import LinesSink
    from tests._storedata import make_result

    claims = []
    for i, bad in enumerate(FORMULA_IDS):
        result = make_result(i, prefix="a")
        claims += [c.__class__(**{**c.__dict__, "article_id": bad, "sentence": bad + " text"}) for c in result.claims]
    buf = io.StringIO()
    sink = LinesSink(buf, "csv", CLAIM_COLUMNS)
    sink.write(claims)
    _no_formula(list(csv.DictReader(io.StringIO(buf.getvalue()))))


def test_every_csv_writer_goes_through_the_one_guard():
    for path in (REPO / "geo").rglob("*.py"):
        if path.name == "csvcells.py":
            continue
        source = path.read_text(encoding="utf-8")
        for call in ("csv.writer(", "csv.DictWriter(", ".to_csv("):
            assert call not in source, f"{path.relative_to(REPO)} writes CSV with {call} instead of geo.csvcells"


# ---------------------------------------------------------------------------
# Output files the OS refuses: a named fatal error, never a traceback
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["map", "--out", "{bad}/map.html"],
    ["png", "--date", "2021-07-01", "--out", "{bad}/map.png"],
    ["export", "--format", "geojson", "--date", "2021-07-01", "--out", "{bad}/s.geojson"],
    ["export", "--format", "csv", "--date", "2021-07-01", "--out", "{bad}/s.csv"],
    ["export", "--format", "acled", "--out", "{bad}/a.csv"],
    ["extract", "--out", "{bad}/claims.jsonl"],
    ["extract", "--format", "parquet", "--out", "{bad}/ds"],
    ["counts", "--out", "{bad}/counts.csv"],
], ids=lambda c: " ".join(c[:3]))
def test_an_output_path_that_cannot_be_written_is_named(boundaries, runner, tmp_path, command):
    art = tmp_path / "a.txt"
    art.write_text("date: 2021-07-01\nThe Taliban captured Chahab district of Takhar province on Tuesday.\n")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    args = [a.replace("{bad}", str(blocker / "sub")) for a in command]
    res = runner.invoke(cli, [args[0], str(art), *args[1:]])
    assert res.exit_code == EXIT_FATAL, res.output
    assert not isinstance(res.exception, OSError), repr(res.exception)
    assert str(blocker) in res.stderr and "--out" in res.stderr


@pytest.mark.parametrize("gold", ['{"id": ', "[1, 2]", '{"no_id": 1}', '{"id": "x", "claims": 5}'])
def test_a_malformed_gold_file_is_named(runner, tmp_path, gold):
    (tmp_path / "gold.jsonl").write_text(gold + "\n")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "x.txt").write_text("The Taliban took a district on Tuesday.\n")
    res = runner.invoke(cli, ["eval", str(tmp_path)])
    assert res.exit_code == EXIT_FATAL, res.output
    assert "gold.jsonl" in res.stderr and not isinstance(res.exception, (ValueError, KeyError, TypeError))


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("changes")
    (folder / "first.txt").write_text(
        " date 2021-06-10 Afghan forces pushed the Taliban out of Khwaja Ghar district of Takhar province "
        "on Wednesday, a local official said.\n", encoding="utf-8")
    (folder / "second.txt").write_text(
        " date 2021-07-01 Taliban fighters captured Khwaja Ghar district of Takhar province on Tuesday.\n",
        encoding="utf-8")
    return folder


def test_changes_lists_the_districts_that_changed_and_writes_csv(boundaries, runner, two_reports, tmp_path):
    out = tmp_path / "changes.csv"
    res = invoke(runner, "changes", str(two_reports), "--since", "2021-06-20", "--out", str(out))
    assert res.exit_code == EXIT_OK, res.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["district"], r["province"], r["from"].split()[0], r["to"].split()[0]) for r in rows] == [
        ("Khwaja Ghar", "Takhar", "government", "taliban")]
    assert rows[0]["changed_on"] == "2021-06-29" and "captured Khwaja Ghar" in rows[0]["evidence"]
    assert "1 district changed status between 2021-06-20 and 2021-06-29" in res.stderr
    table = invoke(runner, "changes", str(two_reports), "--since", "2021-06-30")
    assert table.exit_code == EXIT_OK and "0 districts changed" in table.stderr
    bad = invoke(runner, "changes", str(two_reports), "--since", "2021-06-20", "--until", "2021-06-01")
    assert bad.exit_code == 2 and "before --since" in bad.stderr


def test_map_changes_since_draws_only_what_changed(boundaries, runner, two_reports, tmp_path):
    out = tmp_path / "changes.html"
    res = invoke(runner, "map", str(two_reports), "--changes-since", "2021-06-20", "--date", "2021-07-01",
                 "--out", str(out))
    assert res.exit_code == EXIT_OK, res.output
    html = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="tcmap-data">(.*?)</script>', html, re.DOTALL).group(1))
    assert data["dates"] == ["2021-07-01"]
    assert [(data["districts"][r[0]][1], r[1].split()[0], r[2].split()[0]) for r in data["changes"]["rows"]] == [
        ("Khwaja Ghar", "government", "taliban")]
    assert "Changes from 2021-06-20 to 2021-07-01" in html
    assert ["province", "Takhar"] in [lab[:2] for lab in data["placeLabels"]]


# --- one story, one source (issue 14) ---------------------------------------------------------

_WIRE = ("KABUL, July 3 (Reuters) - Taliban fighters captured Nerkh district of Maidan Wardak province on "
         "Friday after government forces withdrew overnight, two local officials said. The insurgents also "
         "attacked checkpoints on the highway to Kabul, the officials said, and hundreds of families fled to "
         "the provincial capital. A spokesman for the provincial governor said reinforcements were on their way "
         "and that the district would be retaken within days.")
_SITES = ["Daily Example", "The Valley Post", "Mountain Herald", "News Desk Online", "Evening Example"]


def _status(runner, folder: Path) -> list[dict]:
    res = invoke(runner, "status", str(folder), "--date", "2021-07-05", "--format", "csv")
    assert res.exit_code == EXIT_OK, res.output
    return [r for r in csv.DictReader(io.StringIO(res.stdout)) if r["status"] != "no_report"]


def test_five_copies_of_one_wire_story_draw_the_map_of_one_copy(boundaries, runner, tmp_path):
    one, five, two = tmp_path / "one", tmp_path / "five", tmp_path / "two"
    for d in (one, five, two):
        d.mkdir()
    (one / "a.txt").write_text(" date 2021-07-03\n" + _WIRE, encoding="utf-8")
    for k, site in enumerate(_SITES):
        # each site reposts it under its own headline and menu, some trimmed of the last sentence
        body = _WIRE if k % 2 else _WIRE.rsplit(". ", 1)[0] + "."
        (five / f"copy{k}.txt").write_text(
            f" date 2021-07-03\n{site} | Home | World | Asia\nTaliban seize district near Kabul ({site})\n\n{body}\n",
            encoding="utf-8")
    got_one, got_five = _status(runner, one), _status(runner, five)
    assert [(r["adm2_pcode"], r["status"], r["since"]) for r in got_five] == \
        [(r["adm2_pcode"], r["status"], r["since"]) for r in got_one] == [("AF0402", "taliban", "2021-07-02")]
    assert got_five[0]["sources"] == "1" and got_five[0]["single_source"] == "True"
    # a second, independent report of the same capture corroborates it
    (two / "a.txt").write_text(" date 2021-07-03\n" + _WIRE, encoding="utf-8")
    (two / "b.txt").write_text(
        " date 2021-07-04\nKABUL, July 4 (AFP) - Residents of Nerkh said on Saturday that the Taliban had taken "
        "the district centre and raised their flag over the governor's compound after a night of clashes.",
        encoding="utf-8")
    (got_two,) = _status(runner, two)
    assert (got_two["adm2_pcode"], got_two["sources"], got_two["single_source"]) == ("AF0402", "2", "False")
