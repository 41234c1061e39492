"""tcmap's Streamlit app: `streamlit run app.py`.

A thin layer of widgets over ``geo``: the store (``geo.app.store``) keeps the
articles, claims and the analyst's work; ``geo.timeline.build`` turns claims into
statuses; ``geo.app.appdata`` prepares what is shown. Runs from any folder and with
no internet: Leaflet and the district shapes come from this server (``geo/static``
and the boundaries cache), and no tile server is used unless
``TCMAP_ONLINE_TILES=1`` asks for OpenStreetMap tiles.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import date, timedelta
from pathlib import Path

import streamlit as st

from geo.app import appdata as ad
from geo.models import SOURCE_TYPES, STATUSES

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
PAGES = ("Map", "Add articles", "Review", "Export", "Unresolved places")
READ_ONLY_PAGES = ("Map", "Export")
PLAY_STEP_S = 0.8
MAP_HEIGHT = 680
# Streamlit's wide layout pads the main area by 5rem a side and 6rem on top;
# narrower margins leave the map most of a laptop screen.
PAGE_CSS = ("<style>[data-testid='stMainBlockContainer']{padding:3.75rem 1.5rem 4rem 1.5rem}"
            "</style>")


# -- cached loads -----------------------------------------------------------
@st.cache_resource(show_spinner=False)
def get_store(home: str):
    """One store per data folder, shared by sessions (the Store is thread-safe).

    With ``TCMAP_CLAIMS`` set, a claims dataset from ``tcmap extract``, opened read-only.
    """
    from geo.app.store import Store

    if dataset := ad.dataset_path(home):
        return ad.DatasetView(dataset)
    # "read": a store on a read-only folder opens read-only (the read-only pages), not an error.
    return Store.open(home, mode="read")


@st.cache_resource(show_spinner="Loading district boundaries…")
def district_table():
    from geo.places.boundaries import load_districts

    return load_districts().drop(columns="geometry")


@st.cache_resource(max_entries=16, show_spinner="Building the timeline…")
def get_timeline(home: str, revision: tuple, contest: int, stale: int, excluded: tuple,
                 min_conf: float, provinces: tuple | None, points_colour: bool = False):
    """The timeline for the store's current content and the filters (the cache key)."""
    from geo.timeline.build import TimelineParams, build_timeline

    store = get_store(home)
    params = TimelineParams(contest_window_days=contest, stale_days=stale,
                            exclude_source_types=frozenset(excluded), min_confidence=min_conf,
                            provinces=frozenset(provinces) if provinces else None,
                            points_colour_districts=points_colour)
    districts = district_table()
    overrides = [o for o in store.overrides()
                 if provinces is None or o.adm2_pcode[:4] in provinces]
    return build_timeline(store.claims(), districts, params, overrides, centres=ad.timeline_centres())


@st.cache_resource(show_spinner=False)
def sample_available() -> bool:
    return SEEDS.is_dir() and any(SEEDS.iterdir())


def map_assets():
    """Leaflet and geometry served by this Streamlit server (short links), else inlined."""
    try:
        return ad.served_assets()
    except Exception as e:  # noqa: BLE001 - the map still works, only each rerun is heavier
        logging.getLogger("tcmap.app").warning("Serving Leaflet and shapes failed (%s); inlining them.", e)
        return ad.inline_assets()


def home() -> str:
    from geo.app.store import default_home

    return ad.dataset_home(os.environ.get(ad.ENV_CLAIMS)) or str(default_home())


# -- shared widgets ---------------------------------------------------------------
def sidebar_filters():
    st.sidebar.header("Filters")
    labels = {"taliban": "Taliban", "government": "Government", "third_party": "Third party",
              "reporter": "Reporter"}
    kept = st.sidebar.multiselect("Count claims sourced to", SOURCE_TYPES, default=list(SOURCE_TYPES),
                                  format_func=labels.get, key="f_sources",
                                  help="Untick Taliban to hide districts claimed only by Taliban sources.")
    min_conf = st.sidebar.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="f_conf")
    stale = st.sidebar.number_input("Stale after (days without a report)", 1, 3650, 30, key="f_stale")
    contest = st.sidebar.number_input("Contest window (days)", 0, 365, 3, key="f_contest",
                                      help="Opposite claims this close together make a district contested.")
    provs = ad.province_choices()
    names = dict(provs)
    chosen = st.sidebar.multiselect("Provinces", [p for p, _ in provs], format_func=names.get,
                                    key="f_provinces", placeholder="All provinces")
    points_colour = st.sidebar.checkbox(
        "Point claims colour their district", value=False, key="f_points",
        help="Off: a claim about a crossing, airport, base or town that is not the district centre "
             "shows only on its marker, and leaves the district partly reported. On: it colours the "
             "whole district (the older rule).")
    excluded = tuple(sorted(set(SOURCE_TYPES) - set(kept)))
    return (int(contest), int(stale), excluded, float(min_conf), tuple(sorted(chosen)) or None,
            bool(points_colour))


def timeline_for(store, filters):
    return get_timeline(home(), store.revision(), *filters)


def show_reports(reports) -> None:
    """What happened to each file, in words; names and reasons are shown as text."""
    for r in reports:
        name = ad.escape_text(r.name)
        if r.error:
            st.error(f"**{name}**: failed: {ad.escape_text(r.error)}")
            continue
        parts = [f"{len(r.articles)} article(s)", f"{r.claims} claim(s) found"]
        if r.duplicates:
            parts.append(f"{r.duplicates} already in the store")
        if r.unresolved:
            uniq = sorted(set(r.unresolved))
            parts.append(f"{len(uniq)} place(s) not understood: " + ", ".join(ad.escape_text(u) for u in uniq[:20]))
        if r.foreign:
            abroad = sorted(set(r.foreign))
            parts.append(f"{len(abroad)} place(s) outside Afghanistan, not mapped: "
                         + ", ".join(ad.escape_text(u) for u in abroad[:20]))
        msg = f"**{name}**: " + "; ".join(parts)
        # A success only when everything found is on the map.
        (st.success if r.claims and not r.skipped and not r.undrawn else st.warning)(msg)
        if r.undrawn:
            st.warning(f"**{name}**: {r.undrawn} claim(s) not on the map: {len(r.undated)} article(s) "
                       "without a publication date, and none could be inferred from the text or the "
                       "store's other articles. **Give the date** under *Articles without a date* "
                       "below (or in the publication date field when adding).")
        for s in r.skipped:
            st.warning(f"Skipped {ad.escape_text(s.origin)}: {ad.escape_text(s.reason)}")
        for art_id, day, reason in r.inferred:
            st.info(f"{ad.escape_text(art_id)}: no date given; inferred **{day}** because "
                    f"{ad.escape_text(reason or 'of the dates it mentions')}. Correct it below if wrong.")


# -- pages ------------------------------------------------------------------------
def page_map(store, filters) -> None:
    if store.count_articles() == 0 and not getattr(store, "read_only", False):
        st.info("The store is empty. Add articles on the *Add articles* page"
                + (", or start with the sample." if sample_available() else "."))
        if sample_available() and st.button("Load the sample articles", type="primary", key="load_sample"):
            load_sample(store)
            st.rerun()
    map_view(store, timeline_for(store, filters), date_bounds(store, filters))


def date_bounds(store, filters) -> tuple[date | None, date | None]:
    """The date slider's range: every dated claim's, whatever the filters, so that
    picking a province or a source never moves the chosen date."""
    contest, stale, *_ = filters
    full = get_timeline(home(), store.revision(), contest, stale, (), 0.0, None)
    return full.first_date, full.last_date


@st.fragment
def map_view(store, tl, bounds: tuple[date | None, date | None]) -> None:
    """Date, counts, map and district panel: a fragment, so moving the date or clicking
    the map reruns only this part (the timeline comes cached from the full run)."""
    from streamlit_folium import st_folium

    first, last = bounds
    ss = st.session_state
    if first is None or last is None:
        # No dated claim: no date to show (not today's), and nothing is drawn.
        st.info("Nothing on the map yet: no claim with a date. Add articles (and give the "
                "dates of undated ones) on the *Add articles* page.")
        day = None
        ss.pop("map_day", None)
    else:
        day = date_slider(tl, first, last)
    district_search()
    change_view = changes_controls(tl, first, day)
    shown = day or date.min  # before any claim: every district "no report"
    st.markdown(ad.legend_html(tl.counts_on(shown), points_colour_districts=tl.params.points_colour_districts),
                unsafe_allow_html=True)

    statuses = tl.status_on(shown)
    # The district panel comes after the map, so read its choice (a click's
    # pending one, the picker's, or the remembered one) before painting.
    ss = st.session_state
    selected = ss.get("next_district") or (ss.get("district") if "district" in ss else ss.get("sel_district"))
    notes = tl.notes_on(day) if day else []
    paint = ad.paint_layer(statuses, f"{day.isoformat() if day else 'none'}|{selected or ''}",
                           selected=selected, notes=notes,
                           points=tl.point_status_on(day) if day else [],
                           changes=(ss.changes_since, day, change_view[0]) if change_view is not None else None)
    if (zoom := ss.pop("zoom_district", None)) is not None:
        paint.add_child(ad.zoom_to(zoom))
    # The map is the page: the main area's full width (about three quarters of
    # a 1366-px laptop screen) and MAP_HEIGHT tall; the district panel follows.
    out = st_folium(ad.base_map(online_tiles=bool(os.environ.get("TCMAP_ONLINE_TILES")),
                                assets=map_assets(), height=MAP_HEIGHT),
                    key="map", height=MAP_HEIGHT, use_container_width=True,
                    returned_objects=["last_object_clicked"], feature_group_to_add=paint)
    click = (out or {}).get("last_object_clicked")
    if click and click != st.session_state.get("last_click"):
        st.session_state.last_click = click
        pcode = ad.district_at(click["lat"], click["lng"])
        if pcode and pcode != selected:
            st.session_state.next_district = pcode
            st.rerun(scope="fragment")
    if change_view is not None:
        changes_table(change_view, ss.changes_since, day)
    left, right = st.columns([3, 2])
    with right:
        province_reports(notes)
    with left:
        district_panel(store, tl, day)

    if day and st.session_state.get("playing"):
        nxt = next((d for d in tl.change_dates if d > day), None)
        time.sleep(PLAY_STEP_S)
        if nxt is None:
            st.session_state.playing = False
        else:
            st.session_state.next_day = nxt
        st.rerun(scope="fragment")


def date_slider(tl, first: date, last: date) -> date:
    """The date picker and Play; returns the chosen day (kept across pages and filters)."""
    hi = max(last, first + timedelta(days=1))
    # Widget state is dropped on other pages; "map_day" outlives it. Programmatic
    # moves (play, restart) go through "next_day": a widget's state may only be
    # set before the widget is drawn.
    ss = st.session_state
    if (pending := ss.pop("next_day", None)) is not None:
        ss.day = pending
    else:
        # Set again on every run, so that the slider keeps the day when its range
        # changes (an override or new articles move the last change date).
        ss.day = ss.get("day") or ss.get("map_day") or last
    if not first <= ss.day <= hi:
        ss.day = last
    c1, c2 = st.columns([6, 1])
    with c2:
        playing = ss.get("playing", False)
        if st.button("Pause" if playing else "Play", key="play", width="stretch"):
            ss.playing = not playing
            if not playing and ss.day >= (tl.last_date or last):
                ss.next_day = tl.first_date or first
            st.rerun(scope="fragment")
    with c1:
        day = st.slider("Date", min_value=first, max_value=hi, step=timedelta(days=1), key="day",
                        format="YYYY-MM-DD")
    ss.map_day = day
    return day


def _found_district() -> None:
    """The search box's pick opens the district in the panel and zooms the map to it."""
    ss = st.session_state
    typed = ss.get("find_district")
    # A name not in the list (another spelling, a town) is looked up in the gazetteer.
    pcode = typed if typed in dict(ad.search_choices()) else ad.find_district(typed or "")
    ss.search_miss = typed if typed and not pcode else None
    if pcode:
        ss.next_district = pcode
        ss.zoom_district = pcode
    ss.find_district = None


def district_search() -> None:
    """A search box over the map: type a district's name, province or P-code."""
    choices = ad.search_choices()
    labels = dict(choices)
    st.selectbox("Find a district", [c for c, _ in choices], format_func=lambda c: labels.get(c, c), index=None,
                 key="find_district", placeholder="Find a district (name, province, P-code or another spelling)",
                 on_change=_found_district, label_visibility="collapsed", accept_new_options=True)
    if miss := st.session_state.get("search_miss"):
        st.caption(f"No district matches “{ad.escape_text(miss)}”.")


def changes_controls(tl, first: date | None, day: date | None):
    """The *Changes* view switch: only the districts whose status changed since a day; None when off."""
    ss = st.session_state
    if first is None or day is None:
        return None
    c1, c2 = st.columns([2, 3])
    with c1:
        on = st.toggle("Only changes since", key="changes_on",
                       help="Colour only the districts whose status changed between this day and the chosen date.")
    with c2:
        if not isinstance(ss.get("changes_since"), date):
            ss.changes_since = first
        ss.changes_since = min(max(ss.changes_since, first), day)  # the widget refuses a day out of range
        st.date_input("Changes since", key="changes_since", min_value=first, max_value=day,
                      label_visibility="collapsed", disabled=not on, format="YYYY-MM-DD")
    if not on:
        return None
    return ad.changes_view(tl, ss.changes_since, day)


def changes_table(view, since: date, day: date) -> None:
    """The changes as a table (district, province, from, to, date, evidence, sources) with a CSV download."""
    _, table, data = view
    st.subheader(f"Changes from {since.isoformat()} to {day.isoformat()}")
    if not table:
        st.caption("No district changed status in this period.")
        return
    st.dataframe(table, hide_index=True, width="stretch", key="changes_table")
    st.download_button("Download the changes (CSV)", data, file_name=f"tcmap-changes-{since}-{day}.csv",
                       mime="text/csv", key="changes_csv")


def province_reports(notes) -> None:
    """The day's reports about most or part of a province: listed here, named on the
    map only when hovering their outline (a permanent label would hide districts)."""
    st.subheader("Province-level reports")
    if not notes:
        st.caption("None on this date.")
        return
    st.caption("Outlined on the map (hover the outline); they colour no district, "
               "since the report does not say which.")
    st.markdown("\n".join(f"- {ad.escape_text(n.label)}" for n in notes))


def district_panel(store, tl, day: date | None) -> None:
    choices = ad.district_choices()
    labels = dict(choices)
    st.subheader("District")
    ss = st.session_state
    if (pending := ss.pop("next_district", None)) is not None:
        ss.district = pending
    elif "district" not in ss:
        ss.district = ss.get("sel_district")
    pcode = st.selectbox("District", [c for c, _ in choices], format_func=labels.get, index=None,
                         key="district", placeholder="Click the map or pick a district",
                         label_visibility="collapsed")
    st.session_state.sel_district = pcode
    if not pcode:
        return
    if day is None:
        st.markdown(f"**{ad.escape_text(labels[pcode])}**: no claim yet.")
        return
    try:
        s = tl.status_of(pcode, day)
    except KeyError:
        st.info("This district is outside the selected provinces.")
        return
    st.markdown(f"**{ad.escape_text(labels[pcode])}** on {day.isoformat()}: "
                f"**{ad.escape_text(ad.status_text(s))}**")
    if ad.sources_text(s):
        st.markdown(ad.escape_text(ad.sources_text(s)))
    if s.overridden and s.note:
        st.markdown(f"Analyst note: {ad.escape_text(s.note)}")
    if s.basis == "point":
        st.caption("Only places inside this district were reported; no report says who holds the district.")
    if not getattr(store, "read_only", False):
        ss = st.session_state
        if st.button("Correct this", key="correct",
                     help="Set this district's status yourself, from this date: an analyst override."):
            ss.correcting = None if ss.get("correcting") == pcode else pcode
        if ss.get("correcting") == pcode:
            override_form(store, "p", pcode=pcode, start=day)
    hist = ad.history_rows(tl, pcode)
    if hist:
        st.dataframe(hist, hide_index=True, width="stretch", key="history")
    places = ad.point_rows(tl, pcode, day)
    if places:
        st.markdown("**Places inside** (markers on the map, each with its own status)")
        st.dataframe(places, hide_index=True, width="stretch", key="places_inside")
        if s.basis != "point":  # else their claims are the district's evidence below
            for p in tl.point_status_on(day):
                if p.adm2_pcode != pcode:
                    continue
                with st.expander(ad.plain_label(f"{p.name}: {ad.status_text(p)}")):
                    if ad.sources_text(p):
                        st.markdown(ad.escape_text(ad.sources_text(p)))
                    for r in ad.evidence_rows(p.evidence, store.article):
                        st.markdown(ad.evidence_html(r), unsafe_allow_html=True)
    rows = ad.evidence_rows(s.evidence, store.article)
    st.markdown(f"**Evidence** ({len(rows)} claim{'s' if len(rows) != 1 else ''})")
    for r in rows:
        st.markdown(ad.evidence_html(r), unsafe_allow_html=True)


def load_sample(store) -> None:
    from geo.pipeline import run

    with st.spinner("Reading the sample articles…"):
        result = run([SEEDS])
        summary = store.ingest_result(result, label="sample")
    st.session_state.flash = f"Sample loaded: {summary}"


def page_add(store) -> None:
    st.header("Add articles")
    from geo.ingest.articles import Limits

    try:
        limits = Limits.from_env()
    except ValueError as e:  # a TCMAP_MAX_* variable out of range
        st.error(ad.escape_text(str(e)))
        return
    st.caption("Upload .txt, .md, .html, .jsonl files or a .zip of them. Each file is reported on "
               "below: claims found, places not understood, files skipped and why. Limits: "
               + "; ".join(limits.describe(k) for k in ("max_upload_bytes", "max_article_bytes",
                                                        "max_zip_files")) + ".")
    with st.form("upload", clear_on_submit=True):
        # The box states the limit the ingest enforces (not Streamlit's own 200 MB default).
        files = st.file_uploader("Articles", type=list(ad.UPLOAD_TYPES), accept_multiple_files=True,
                                 key="files", max_upload_size=ad.upload_limit_mb(limits))
        undated = st.date_input("Publication date for articles that state none (optional)", value=None,
                                key="upload_date")
        sent = st.form_submit_button("Add these articles", type="primary")
    if sent and files:
        with st.spinner("Reading and extracting…"):
            st.session_state.reports = ad.ingest_files(
                store, [(f.name, f.getvalue()) for f in files], user_date=undated, limits=limits)
            st.session_state.redated = ad.date_waiting(store, st.session_state.reports)
    with st.form("paste", clear_on_submit=True):
        text = st.text_area("…or paste an article", height=180, key="paste_text")
        title = st.text_input("Title (optional)", key="paste_title")
        day = st.date_input("Publication date", value=None, key="paste_date")
        pasted = st.form_submit_button("Add pasted text")
    if pasted:
        if not text.strip():
            st.warning("Paste the article text first.")
        else:
            with st.spinner("Extracting…"):
                st.session_state.reports = [ad.ingest_text(store, text, published=day, title=title or None)]
                st.session_state.redated = ad.date_waiting(store, st.session_state.reports)
    if st.session_state.get("reports"):
        show_reports(st.session_state.reports)
    for art_id, day, reason in st.session_state.get("redated") or ():
        st.info(f"{ad.escape_text(art_id)}, added earlier without a date, is now dated **{day}** because "
                f"{ad.escape_text(reason or 'of the dates it mentions')}. Correct it below if wrong.")
    undated_articles(store)


def undated_articles(store) -> None:
    missing = [a for a in store.articles() if a.published is None]
    if not missing:
        return
    st.subheader("Articles without a date")
    st.caption("Their claims are not drawn until they have one: give the publication date.")
    for a in missing:
        with st.form(f"date-{a.id}"):
            st.markdown(f"**{ad.escape_text(a.title or a.id)}** ({ad.escape_text(a.origin or a.id)})")
            st.text(a.text[:300] + ("…" if len(a.text) > 300 else ""))
            d = st.date_input("Publication date", value=None, key=f"d-{a.id}")
            if st.form_submit_button("Set date") and d:
                n = ad.redate_article(store, a.id, d)
                st.success(f"Dated {ad.escape_text(a.id)} {d.isoformat()}: {n} claim(s).")


def page_review(store, filters) -> None:
    st.header("Review claims")
    stored = store.stored_claims(include_rejected=True)
    df = ad.claims_frame(stored)
    c1, c2, c3 = st.columns(3)
    q = c1.text_input("Find (district, province, article, attribution)", key="r_q")
    ctl = c2.multiselect("Controller", ["taliban", "government", "contested"], key="r_ctl")
    show_rej = c3.checkbox("Show rejected", value=True, key="r_rej")
    view = ad.filter_claims(df, query=q, controllers=ctl, show_rejected=show_rej)
    edited = st.data_editor(
        view, hide_index=True, width="stretch", key="review_table",
        disabled=[c for c in view.columns if c not in ("reject", "note")],
        column_config={"reject": st.column_config.CheckboxColumn("reject", help="Wrong claim: leave it out of the map"),
                       "note": st.column_config.TextColumn("note", help="Why (kept with the rejection)")})
    if st.button("Save rejections", key="save_review"):
        changes = ad.review_changes(view, edited)
        for cid, action, note in changes:
            if action == "reject":
                store.reject_claim(cid, note)
            else:
                store.restore_claim(cid)
        st.success(f"{len(changes)} claim(s) updated.")

    st.subheader("Set a district's status")
    labels = dict(ad.district_choices())
    override_form(store, "o", start=st.session_state.get("map_day"))
    overrides = store.stored_overrides()
    if overrides:
        st.subheader("Overrides in force")
        for so in overrides:
            o = so.override
            c1, c2 = st.columns([6, 1])
            c1.markdown(f"{ad.escape_text(labels.get(o.adm2_pcode, o.adm2_pcode))}: "
                        f"**{ad.STATUS_LABELS[o.status]}** {o.start} → {o.end or 'open'}; "
                        f"{ad.escape_text(o.note)} ({ad.escape_text(o.author or 'anonymous')})")
            if c2.button("Remove", key=f"rm-{so.id}"):
                store.remove_override(so.id)
                st.rerun()


def override_form(store, prefix: str, *, pcode: str | None = None, start: date | None = None) -> None:
    """The analyst's override: empty (no district, no status) unless opened on a district.

    ``prefix`` keeps the keys of the Review page's form ("o") and the district panel's ("p") apart.
    """
    from geo.timeline.build import Override

    choices = ad.district_choices()
    labels = dict(choices)
    in_panel = pcode is not None
    with st.form(f"override-{prefix}", clear_on_submit=True):
        if in_panel:
            st.markdown(f"Correct **{ad.escape_text(labels[pcode])}**")
        else:
            pcode = st.selectbox("District", [c for c, _ in choices], format_func=labels.get, index=None,
                                 key=f"{prefix}_district", placeholder="Pick a district")
        status = st.selectbox("Status", STATUSES, format_func=ad.STATUS_LABELS.get, index=None,
                              key=f"{prefix}_status", placeholder="Pick a status")
        start = st.date_input("From", value=start, key=f"{prefix}_start")
        end = st.date_input("Until (empty: open-ended)", value=None, key=f"{prefix}_end")
        note = st.text_input("Note (why)", key=f"{prefix}_note")
        author = st.text_input("Analyst", key=f"{prefix}_author")
        if not st.form_submit_button("Save override", type="primary"):
            return
    missing = [what for what, v in (("a district", pcode), ("a status", status), ("the From date", start))
               if v is None]
    if missing:
        st.error("Nothing saved: pick " + " and ".join(missing) + ".")
        return
    try:
        store.add_override(Override(adm2_pcode=pcode, status=status, start=start, end=end, note=note,
                                    author=author))
    except ValueError as e:
        st.error(ad.escape_text(str(e)))
        return
    msg = (f"Override saved: {labels[pcode]} is {ad.STATUS_LABELS[status]} from {start}"
           + (f" to {end}" if end else "") + ".")
    if in_panel:  # the timeline changed: redraw the whole page, not just the map fragment
        st.session_state.correcting = None
        st.session_state.flash = msg
        st.rerun()
    st.success(ad.escape_text(msg))


def page_export(store, filters) -> None:
    st.header("Export")
    tl = timeline_for(store, filters)
    day = st.session_state.get("map_day") or tl.last_date
    if day is None:
        st.info("Nothing to export yet: no claim with a date.")
        return
    st.caption(f"Exports use the current filters and every analyst override. Tables are for {day}.")
    if st.button("Prepare exports", type="primary", key="prepare"):
        with st.spinner("Rendering…"):
            st.session_state.exports = ad.build_exports(tl, day)
    for name, (data, mime, err) in (st.session_state.get("exports") or {}).items():
        if err:
            st.warning(f"{name}: {ad.escape_text(err)}")
        else:
            st.download_button(f"Download {name}", data, file_name=name, mime=mime, key=f"dl-{name}")


def page_unresolved(store) -> None:
    st.header("Places not understood")
    here, abroad = ad.split_unresolved(store.unresolved_places())
    st.caption("Names in Afghanistan the gazetteer could not place, across all articles, most "
               "frequent first: the to-do list for the gazetteer.")
    st.dataframe(ad.unresolved_frame(here), hide_index=True, width="stretch", key="unresolved")
    st.subheader("Outside Afghanistan")
    st.caption("Places abroad the articles name (neighbouring countries, foreign capitals): "
               "recognised, but not on the map. Nothing to fix here.")
    st.dataframe(ad.unresolved_frame(abroad), hide_index=True, width="stretch", key="unresolved_abroad")


def main() -> None:
    from geo.app.store import StoreError

    st.set_page_config(page_title="tcmap: territorial control map", layout="wide")
    st.html(PAGE_CSS)
    try:
        render(get_store(home()))
    except StoreError as e:  # a full disk, a damaged or read-only store: said in words, not a traceback
        st.error(ad.escape_text(str(e)))


def render(store) -> None:
    st.sidebar.title("tcmap")
    read_only = getattr(store, "read_only", False)
    page = st.sidebar.radio("Page", READ_ONLY_PAGES if read_only else PAGES, key="page")
    if read_only:
        what = "claims dataset" if isinstance(store, ad.DatasetView) else "store on a read-only folder"
        st.sidebar.caption(f"Read-only: {what} {ad.escape_text(str(store.path))}")
    filters = sidebar_filters()
    if msg := st.session_state.pop("flash", None):
        st.success(ad.escape_text(msg))
    if page == "Map":
        page_map(store, filters)
    elif page == "Add articles":
        page_add(store)
    elif page == "Review":
        page_review(store, filters)
    elif page == "Export":
        page_export(store, filters)
    else:
        page_unresolved(store)


main()
