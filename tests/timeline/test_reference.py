"""Reference tables (long and wide CSV) read into rows; bad tables named by file and line."""

from __future__ import annotations

from datetime import date

import pytest

from geo.timeline.reference import ReferenceTableError, parse_day, parse_reference, parse_status, read_reference


def rows_of(ref) -> list[tuple[str, str, str, int]]:
    return [(r.adm2_pcode, r.day.isoformat(), r.status, r.line) for r in ref.rows]


def test_a_long_table_finds_districts_by_name_variant_and_p_code(gazetteer):
    text = (
        "district,province,date,status\n"
        "Khajaghar,Takhar,2021-06-22,taliban\n"
        "Jani Khel,Paktia,2021-06-23,Taliban\n"
        "AF3213,,2021-07-09,contested\n"
        "Tashkurgan,Balkh,2021-08-01,1\n"
        "Kunduz,Kunduz,2021-07-01,0\n"
    )
    ref = parse_reference(text, "ref.csv", gazetteer)
    assert ref.layout == "long"
    assert rows_of(ref) == [
        ("AF1809", "2021-06-22", "taliban", 2),
        ("AF1309", "2021-06-23", "taliban", 3),
        ("AF1901", "2021-07-01", "government", 6),
        ("AF3213", "2021-07-09", "contested", 4),
        ("AF2110", "2021-08-01", "taliban", 5),
    ]
    assert not ref.unmatched


def test_a_pcode_column_is_used_when_there_is_no_district_name(gazetteer):
    ref = parse_reference("adm2_pcode,Date,Control\nAF1809,2021-06-22,Taliban controlled\n", "r.csv", gazetteer)
    assert rows_of(ref) == [("AF1809", "2021-06-22", "taliban", 2)]


def test_a_wide_table_gives_one_row_per_filled_cell(gazetteer):
    text = (
        "District,Province,2021-06-15,2021-07-01,2021-08-01,Notes\n"
        "Khwaja Ghar,Takhar,government,taliban,taliban,fell in late June\n"
        "Kuhsan,Herat,0,,1,\n"
    )
    ref = parse_reference(text, "wide.csv", gazetteer)
    assert ref.layout == "wide"
    assert rows_of(ref) == [
        ("AF1809", "2021-06-15", "government", 2),
        ("AF3213", "2021-06-15", "government", 3),
        ("AF1809", "2021-07-01", "taliban", 2),
        ("AF1809", "2021-08-01", "taliban", 2),
        ("AF3213", "2021-08-01", "taliban", 3),
    ]
    assert ref.ignored_columns == ["Notes"]


def test_names_that_match_no_district_are_listed_with_their_lines_and_left_out(gazetteer):
    text = (
        "district,province,date,status\n"
        "Islam Qala,Herat,2021-07-09,taliban\n"
        "Bangi,Takhar,2021-06-21,government\n"
        "Atlantis,,2021-06-21,taliban\n"
        "Atlantis,,2021-06-25,taliban\n"
        "Jani Khel,,2021-06-23,taliban\n"
    )
    ref = parse_reference(text, "ref.csv", gazetteer)
    assert rows_of(ref) == [("AF1804", "2021-06-21", "government", 3)]
    got = {u.name: (u.lines, u.reason) for u in ref.unmatched}
    assert got["Atlantis"][0] == (4, 5)
    assert "crossing" in got["Islam Qala"][1]
    assert "give the province" in got["Jani Khel"][1]
    assert ref.unmatched_rows == 4
    assert "3 name(s) matched no district (4 rows left out)" in ref.summary()


def test_a_one_sided_capture_list_needs_no_status_column(gazetteer):
    text = "district,province,date\nChahab,Takhar,2021-06-22\nDarqad,Takhar,2021-06-22\n"
    ref = parse_reference(text, "captures.csv", gazetteer, one_sided=True)
    assert {r.status for r in ref.rows} == {"taliban"}
    with pytest.raises(ReferenceTableError, match="--one-sided"):
        parse_reference(text, "captures.csv", gazetteer)


def test_a_semicolon_table_with_a_byte_order_mark_is_read(gazetteer, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffdistrict;province;date;status\nBangi;Takhar;2021/06/21;Government\n".encode())
    ref = read_reference(path, gazetteer)
    assert rows_of(ref) == [("AF1804", "2021-06-21", "government", 2)]


def test_the_same_row_twice_is_kept_once(gazetteer):
    text = "district,province,date,status\nBangi,Takhar,2021-06-21,0\nBangi district,Takhar,2021-06-21,government\n"
    assert len(parse_reference(text, "r.csv", gazetteer).rows) == 1


BAD_TABLES = [
    ("", "r.csv:1: the file is empty"),
    ("\n\n  \n", "r.csv:1: the file is empty"),
    ("district,province,date,status\n", "r.csv:1: the table has a header and no rows"),
    ("province,date,status\nTakhar,2021-06-22,taliban\n", "r.csv:1: expected a 'district' (name) or 'pcode' column"),
    ("district,province\nBangi,Takhar\n", "r.csv:1: expected 'date' and 'status' columns (long layout) or one column per date"),
    ("district,province,date,status\nBangi,Takhar,2021-02-30,taliban\n", "r.csv:2: '2021-02-30' is not a real day"),
    ("district,province,date,status\nBangi,Takhar,22 June,taliban\n", "r.csv:2: expected a date as YYYY-MM-DD, instead got: '22 June'"),
    ("district,province,date,status\nBangi,Takhar,01/07/2021,taliban\n", "r.csv:2: '01/07/2021' could be day/month or month/day"),
    ("district,province,date,status\nBangi,Takhar,,taliban\n", "r.csv:2: the date is empty"),
    ("district,date,status\nBangi,2021-06-21,taliban\nChahab,2021-06-22,surrendered\n",
     "r.csv:3: expected a status taliban, government, contested (or 1/0) in status, instead got: 'surrendered'"),
    ("district,date,status\nBangi,2021-06-21,\n", "r.csv:2: expected a status"),
    ("district,date,status\n,2021-06-21,taliban\n", "r.csv:2: no district name or P-code in this row"),
    ("district,2021-06-01,2021-13-01\nBangi,taliban,taliban\n", "r.csv:1: the header '2021-13-01' is neither"),
    ("district,2021-06-01,Q3 2021\nBangi,taliban,taliban\n", "r.csv:1: the header 'Q3 2021' is neither"),
    ("district,2021-06-01\nBangi,2\n", "r.csv:2: expected a status taliban, government, contested (or 1/0) in column '2021-06-01'"),
    ("district,2021-06-01,2021-06-01\nBangi,1,1\n", "r.csv:1: the header '2021-06-01' appears twice (columns 2 and 3)"),
    ("district,date,status,2021-06-01\nBangi,2021-06-01,1,1\n", "r.csv:1: the table has a 'date' column and date columns"),
    ("district,status\nBangi,1\n", "r.csv:1: a 'status' column without a 'date' column"),
    ("district,,2021-06-01\nBangi,x,1\n", "r.csv:1: column 2 has values but no header"),
    ("district,province,date,status\nBangi,Takhar,2021-06-21,taliban\n\nBangi,Takhar,2021-06-21,government\n",
     "r.csv:4: Bangi (AF1804) on 2021-06-21 is government here but taliban on line 2"),
]


@pytest.mark.parametrize(("text", "message"), BAD_TABLES)
def test_a_bad_table_is_refused_naming_file_and_line(gazetteer, text, message):
    with pytest.raises(ReferenceTableError) as e:
        parse_reference(text, "r.csv", gazetteer)
    assert message in str(e.value)


def test_every_bad_row_is_named_not_only_the_first(gazetteer):
    text = "district,date,status\nBangi,2021-06-40,1\nChahab,2021-06-22,maybe\nDarqad,yesterday,1\n"
    with pytest.raises(ReferenceTableError) as e:
        parse_reference(text, "r.csv", gazetteer)
    assert [p.split(": ")[0] for p in e.value.problems] == ["r.csv:2", "r.csv:3", "r.csv:4"]


def test_a_file_that_is_not_utf8_is_refused_with_its_line(gazetteer, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"district,date,status\nBangi,2021-06-21,1\nQal\xe9h,2021-06-22,1\n")
    with pytest.raises(ReferenceTableError, match=r"latin\.csv:3: not UTF-8 text"):
        read_reference(path, gazetteer)


def test_a_long_list_of_problems_is_cut_with_a_count(gazetteer):
    text = "district,date,status\n" + "".join(f"Bangi,2021-06-{d:02d},nope\n" for d in range(1, 21))
    with pytest.raises(ReferenceTableError) as e:
        parse_reference(text, "r.csv", gazetteer)
    assert len(e.value.problems) == 20
    assert "... and 8 more problems" in str(e.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-07-01", date(2021, 7, 1)), ("2021-07-01 00:00:00", date(2021, 7, 1)), ("2021-07-01T12:00Z", date(2021, 7, 1)),
     ("2021/7/1", date(2021, 7, 1)), ("1 July 2021", date(2021, 7, 1)), ("July 1, 2021", date(2021, 7, 1)),
     ("1 Jul 2021", date(2021, 7, 1))],
)
def test_days_as_spreadsheets_write_them(value, expected):
    assert parse_day(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Taliban", "taliban"), ("1", "taliban"), ("1.0", "taliban"), ("GOVT", "government"), ("0", "government"),
     ("Contested", "contested"), ("disputed", "contested"), ("taliban-controlled", "taliban"), ("maybe", None), ("", None)],
)
def test_statuses_as_tables_write_them(value, expected):
    assert parse_status(value) == expected
