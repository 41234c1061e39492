"""The store keeps the analyst's work: ingest twice, re-extract, upgrade, share."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from tests._storedata import make_claim, make_result

from geo.app.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError, migrate

HERE = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path)
    yield s
    s.close()


def _table_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "claims", "unresolved")}
    finally:
        con.close()


def test_open_uses_tcmap_home_and_wal(tmp_path, monkeypatch):
    monkeypatch.setenv("TCMAP_HOME", str(tmp_path / "home"))
    with Store.open() as s:
        assert s.path == tmp_path / "home" / "tcmap.sqlite3"
        assert s.schema_version() == SCHEMA_VERSION
        assert s._read("PRAGMA journal_mode")[0][0] == "wal"


def test_ingesting_the_same_article_twice_changes_nothing(store):
    r = make_result(1, unresolved=("Qala-i-Zal",))
    first = store.add_results([r])
    before = _table_counts(store.path)
    again = store.add_results([r, make_result(1, unresolved=("Qala-i-Zal",))])
    assert (first.added, again.added, again.duplicates) == (1, 0, 2)
    assert _table_counts(store.path) == before == {"articles": 1, "claims": 1, "unresolved": 1}


def test_stored_ids_tell_what_need_not_be_extracted_again(store):
    r = make_result(1)
    store.add_results([r], extractor_version="1")
    other = make_result(2).article
    assert store.stored_ids([r.article, other], extractor_version="1") == {"art-1": "art-1"}
    assert store.stored_ids([r.article], extractor_version="2") == {}


def test_same_text_under_another_name_is_a_duplicate(store):
    r = make_result(1)
    copy = replace(r, article=replace(r.article, id="copy-of-1", text=r.article.text.replace(" ", "\r\n ", 2)))
    store.add_results([r])
    assert store.add_results([copy]).duplicates == 1
    assert [a.id for a in store.articles()] == ["art-1"]


def test_other_text_under_a_taken_id_is_kept_under_a_new_id(store):
    a, b = make_result(1), make_result(1, place="Kohsan", pcode="AF3213")
    store.add_results([a])
    summary = store.add_results([b])
    assert summary.renamed == 1
    ids = sorted(x.id for x in store.articles())
    assert len(ids) == 2 and ids[0] == "art-1" and ids[1].startswith("art-1-")
    assert {c.article_id for c in store.claims()} == set(ids)


def test_round_trip_keeps_every_claim_field(store):
    r = make_result(3)
    store.add_results([r])
    assert store.claims() == r.claims
    art = store.article("art-3")
    assert art.text == r.article.text and art.published == date(2021, 6, 23)


def test_reextraction_replaces_claims_in_one_transaction(store):
    store.add_results([make_result(1)], extractor_version="1")
    newer = make_result(1)
    art = newer.article
    newer.claims = [make_claim(art, "Khwaja Ghar", controller="contested"),
                    make_claim(art, "Taliban", place="Kohsan", pcode="AF3213")]
    summary = store.add_results([newer], extractor_version="2")
    assert summary.replaced == 1 and summary.added == 0
    assert sorted(c.controller for c in store.claims()) == ["contested", "taliban"]
    assert {sc.extractor_version for sc in store.stored_claims()} == {"2"}


def test_failed_reextraction_leaves_the_old_claims(store):
    store.add_results([make_result(1)], extractor_version="1")
    broken = make_result(1)
    broken.claims = [make_claim(broken.article, "Khwaja Ghar", controller="government"), None]
    with pytest.raises(AttributeError):
        store.add_results([broken], extractor_version="2")
    assert [c.controller for c in store.claims()] == ["taliban"]
    assert {sc.extractor_version for sc in store.stored_claims()} == {"1"}


def test_rejection_hides_a_claim_and_survives_reextraction(store):
    store.add_results([make_result(1), make_result(2)], extractor_version="1")
    target = next(sc for sc in store.stored_claims() if sc.claim.article_id == "art-1")
    store.reject_claim(target.id, "the article is about 2019")
    assert [c.article_id for c in store.claims()] == ["art-2"]
    assert len(store.claims(include_rejected=True)) == 2
    store.add_results([make_result(1)], extractor_version="2")
    assert [c.article_id for c in store.claims()] == ["art-2"]
    rejected = [sc for sc in store.stored_claims() if sc.rejected]
    assert [(sc.claim.article_id, sc.note) for sc in rejected] == [("art-1", "the article is about 2019")]
    store.restore_claim(rejected[0].id)
    assert len(store.claims()) == 2


def test_rejecting_a_missing_claim_names_it(store):
    with pytest.raises(StoreError, match="no claim with id 999"):
        store.reject_claim(999)


def test_overrides_are_kept_and_survive_reextraction(tmp_path):
    from geo.timeline.build import Override

    s = Store.open(tmp_path)
    s.add_results([make_result(1)], extractor_version="1")
    ov = Override(adm2_pcode="AF1809", status="government", start=date(2021, 7, 1),
                  end=date(2021, 7, 10), note="checked with our stringer", author="ana")
    oid = s.add_override(ov)
    s.add_results([make_result(1)], extractor_version="2")
    s.close()
    s = Store.open(tmp_path)
    assert s.overrides() == [ov]
    s.remove_override(oid)
    assert s.overrides() == []
    s.close()


@pytest.mark.parametrize("status, start, end, message", [
    ("held", date(2021, 7, 1), None, "instead got: 'held'"),
    ("taliban", date(2021, 7, 9), date(2021, 7, 1), "before start"),
])
def test_bad_overrides_are_refused_with_the_reason(store, status, start, end, message):
    from geo.timeline.build import Override

    with pytest.raises(StoreError, match=message):
        store.add_override(Override(adm2_pcode="AF1809", status=status, start=start, end=end,
                                    note="", author=""))


def test_unresolved_places_most_frequent_first(store):
    store.add_results([make_result(1, unresolved=("Qala-i-Zal", "Dasht-e-Archi")),
                       make_result(2, unresolved=("Qala-i-Zal",)),
                       make_result(3, unresolved=("Qala-i-Zal", "Shortepa"))])
    places = store.unresolved_places()
    assert places[0].name == "Qala-i-Zal" and places[0].count == 3 and places[0].articles == 3
    assert {p.name for p in places[1:]} == {"Dasht-e-Archi", "Shortepa"}
    assert places[0].reason == "not in the gazetteer"


def test_set_published_records_the_analysts_date(store):
    r = make_result(1)
    undated = replace(r, article=replace(r.article, published=None, published_source=None))
    store.add_results([undated])
    store.set_published("art-1", date(2021, 7, 2))
    art = store.article("art-1")
    assert (art.published, art.published_source) == (date(2021, 7, 2), "user")
    assert store.claims()[0].published == "2021-07-02"
    with pytest.raises(StoreError, match="no article 'nope'"):
        store.set_published("nope", date(2021, 7, 2))


def test_runs_record_counts_and_skipped_reasons(store):
    from geo.models import Skipped

    run = store.start_run("upload")
    summary = store.add_results([make_result(1)], run)
    store.finish_run(run, counts={"added": summary.added},
                     skipped=[Skipped("bad.pdf", "binary file (PDF), not text")])
    (r,) = store.runs()
    assert r.finished_at and r.counts == {"added": 1}
    assert r.skipped == [{"origin": "bad.pdf", "reason": "binary file (PDF), not text"}]


def test_schema_1_store_is_migrated_keeping_its_data(tmp_path):
    db = tmp_path / "tcmap.sqlite3"
    con = sqlite3.connect(db, isolation_level=None)
    assert migrate(con, 1) == 1
    r = make_result(1)
    con.execute("INSERT INTO articles (id, content_hash, text, added_at, extractor_version) "
                "VALUES ('art-1', 'h', ?, '2021-06-23', '1')", (r.article.text,))
    con.execute("INSERT INTO claims (article_id, controller, rejected, data) VALUES ('art-1', 'taliban', 1, ?)",
                (__import__("json").dumps(r.claims[0].to_dict()),))
    con.execute("INSERT INTO overrides (adm2_pcode, status, start, note, author, created_at) "
                "VALUES ('AF1809', 'government', '2021-07-01', 'n', 'a', 'now')")
    con.close()
    with Store.open(tmp_path) as s:
        assert s.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
        assert [a.id for a in s.articles()] == ["art-1"]
        assert s.claims() == [] and len(s.claims(include_rejected=True)) == 1
        assert [o.adm2_pcode for o in s.overrides()] == ["AF1809"]
        assert s.unresolved_places() == []


def test_a_store_from_a_newer_tcmap_is_refused(tmp_path):
    Store.open(tmp_path).close()
    con = sqlite3.connect(tmp_path / "tcmap.sqlite3")
    con.execute("INSERT INTO schema_version VALUES (99, 'later')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer tcmap"):
        Store.open(tmp_path)


def test_a_file_that_is_not_a_store_is_named(tmp_path):
    bad = tmp_path / "tcmap.sqlite3"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=str(bad)):
        Store.open(tmp_path)


def test_two_processes_ingesting_at_once_do_not_corrupt(tmp_path):
    Store.open(tmp_path).close()
    script = HERE / "_storedata.py"
    procs = [subprocess.Popen([sys.executable, str(script), str(tmp_path), p, "60"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for p in ("left", "right")]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err
    printed = {line for out, _ in outs for line in out.split()}
    with Store.open(tmp_path) as s:
        assert s.integrity_check() == "ok"
        assert s.article_ids() == printed and len(printed) == 120
        assert len(s.claims()) == 120
        assert all(r.finished_at for r in s.runs())


def test_threads_sharing_one_store_lose_nothing(store):
    """Streamlit sessions share one Store object; their writes and reads interleave."""
    import threading

    errors: list[BaseException] = []

    def work(prefix: str) -> None:
        try:
            for i in range(25):
                store.add_results([make_result(i, prefix=prefix)])
                store.claims()
        except BaseException as e:  # noqa: BLE001 - re-raised in the main thread below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(f"t{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert store.count_articles() == 100 and len(store.claims()) == 100
