"""The event report: a worked day whose figures are written out by hand, and
random event days (hypothesis) whose report equals a brute-force recomputation
from the raw records, done here another way (per product and per hour by
filtering all records, conversions by fractions)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.event_report import (
    EventReport,
    FeedbackRec,
    HourFigures,
    LeadRec,
    ProductFigures,
    SaleLineRec,
    SaleRec,
    SampleRec,
    TallyRec,
    event_report,
)

T0 = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
SH = ZoneInfo("Asia/Shanghai")
TEA, LU = "YC-TEA-0001", "YC-LUPIN-01"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_a_worked_event_day() -> None:
    report = event_report(
        "EV1",
        sample_budget_fen=10000,
        samples=[
            SampleRec(TEA, 1, "piece", 150, at(5)),
            SampleRec(TEA, 1, "piece", 150, at(20)),
            SampleRec(LU, 15, "g", 90, at(70)),
        ],
        feedback=[
            FeedbackRec(TEA, 5, ("口感",), "R0001", at(6)),
            FeedbackRec(TEA, 4, ("口感", "价格"), None, at(21)),
            FeedbackRec(None, 3, ("包装",), None, at(80)),
        ],
        tallies=[TallyRec(1, at(1)), TallyRec(5, at(30)), TallyRec(2, at(65))],
        leads=[LeadRec("R0003", at(40))],
        sales=[
            SaleRec("s1", at(10), "R0001", (SaleLineRec(TEA, 2, 5000),)),
            SaleRec("s2", at(25), None, (SaleLineRec(TEA, 1, 2500), SaleLineRec(LU, 500, 3000))),
            SaleRec("s3", at(75), "R0001", (SaleLineRec(LU, 250, 1500),)),
        ],
        known_before=["R0001"],
    )
    assert report == EventReport(
        event_id="EV1",
        visitors=8,
        tastings=3,
        sample_cost_fen=390,
        sample_budget_fen=10000,
        sales_count=3,
        buyers=2,  # R0001 twice is one buyer; one anonymous sale
        member_buyers=1,
        sales_fen=12000,
        units=753,
        buyers_per_visitor_bps=2500,
        buyers_per_tasting_bps=6666,  # 2/3, rounded down
        residents_identified=2,
        new_residents=1,  # R0003; R0001 had bought here before
        leads=1,
        feedback_count=3,
        products=(
            ProductFigures("", feedback_count=1, rating_sum=3, tags=(("包装", 1),)),
            ProductFigures(LU, 1, 15, 90, 750, 4500),
            ProductFigures(TEA, 2, 2, 300, 3, 7500, 2, 9, tags=(("口感", 2), ("价格", 1))),
        ),
        hours=(
            HourFigures(datetime(2026, 11, 28, 9, tzinfo=SH), 6, 2, 503, 10500),
            HourFigures(datetime(2026, 11, 28, 10, tzinfo=SH), 2, 1, 250, 1500),
        ),
    )
    assert report.products[2].average_rating == 4.5
    assert report.hours[0].hour.utcoffset() == timedelta(hours=8)


def test_an_empty_event_has_no_conversion() -> None:
    report = event_report(
        "EV0", sample_budget_fen=0, samples=[], feedback=[], tallies=[], leads=[], sales=[]
    )
    assert (report.buyers, report.buyers_per_visitor_bps, report.buyers_per_tasting_bps) == (
        0,
        None,
        None,
    )
    assert report.products == () and report.hours == ()


# --- random event days against a brute-force reference ------------------------------------

SKUS = ["A", "B", "C"]
RESIDENTS = ["R1", "R2", "R3", "R4"]
TAGS = ["口感", "价格", "包装"]
moments = st.integers(0, 14 * 60).map(at)  # a day of up to 14 hours, crossing midnight UTC
maybe_resident = st.none() | st.sampled_from(RESIDENTS)
samples_st = st.builds(
    SampleRec, st.sampled_from(SKUS), st.integers(1, 50), st.just("piece"),
    st.integers(0, 500), moments,
)  # fmt: skip
feedback_st = st.builds(
    FeedbackRec, st.none() | st.sampled_from(SKUS), st.integers(1, 5),
    st.lists(st.sampled_from(TAGS), unique=True).map(tuple), maybe_resident, moments,
)  # fmt: skip
lines_st = st.lists(
    st.builds(SaleLineRec, st.sampled_from(SKUS), st.integers(1, 1000), st.integers(0, 99999)),
    max_size=4,
).map(tuple)


@st.composite
def sales_st(draw: st.DrawFn) -> list[SaleRec]:
    n = draw(st.integers(0, 12))
    return [SaleRec(f"s{i}", draw(moments), draw(maybe_resident), draw(lines_st)) for i in range(n)]


def reference(samples, feedback, tallies, leads, sales, known):  # type: ignore[no-untyped-def]
    """The figures recomputed another way, as dictionaries."""
    buyers = len({s.resident_id for s in sales if s.resident_id}) + sum(
        1 for s in sales if s.resident_id is None
    )
    visitors = sum(t.count for t in tallies)
    products = {}
    for sku in {*(s.sku for s in samples), *(f.sku or "" for f in feedback),
                *(ln.sku for s in sales for ln in s.lines)}:  # fmt: skip
        mine = [s for s in samples if s.sku == sku]
        said = [f for f in feedback if (f.sku or "") == sku]
        sold = [ln for s in sales for ln in s.lines if ln.sku == sku]
        tag_counts = {t: sum(t in f.tags for f in said) for t in TAGS}
        products[sku] = (
            len(mine), sum(s.quantity for s in mine), sum(s.cost_fen for s in mine),
            sum(ln.quantity for ln in sold), sum(ln.amount_fen for ln in sold),
            len(said), sum(f.rating for f in said),
            sorted(((t, n) for t, n in tag_counts.items() if n), key=lambda kv: (-kv[1], kv[0])),
        )  # fmt: skip
    hours = {}
    stamps = [t.at for t in tallies] + [s.at for s in sales]
    for start in sorted({x.astimezone(SH).replace(minute=0, second=0, microsecond=0)
                         for x in stamps}):  # fmt: skip
        end = start + timedelta(hours=1)
        here = [s for s in sales if start <= s.at < end]
        hours[start] = (
            sum(t.count for t in tallies if start <= t.at < end), len(here),
            sum(ln.quantity for s in here for ln in s.lines),
            sum(ln.amount_fen for s in here for ln in s.lines),
        )  # fmt: skip
    who = {s.resident_id for s in sales} | {x.resident_id for x in leads}
    who |= {f.resident_id for f in feedback}
    who.discard(None)

    def bps(part: int, whole: int) -> int | None:
        return None if not whole else int(Fraction(part, whole) * 10000)

    return {
        "visitors": visitors, "buyers": buyers, "tastings": len(samples),
        "cost": sum(s.cost_fen for s in samples),
        "per_visitor": bps(buyers, visitors), "per_tasting": bps(buyers, len(samples)),
        "identified": len(who), "new": len(who - set(known)),
        "sales_fen": sum(ln.amount_fen for s in sales for ln in s.lines),
        "products": products, "hours": hours,
    }  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    samples=st.lists(samples_st, max_size=15),
    feedback=st.lists(feedback_st, max_size=15),
    tallies=st.lists(st.builds(TallyRec, st.integers(1, 500), moments), max_size=10),
    leads=st.lists(st.builds(LeadRec, st.sampled_from(RESIDENTS), moments), max_size=4),
    sales=sales_st(),
    known=st.lists(st.sampled_from(RESIDENTS), max_size=3),
)
def test_the_report_equals_a_recomputation_from_the_raw_records(  # type: ignore[no-untyped-def]
    samples, feedback, tallies, leads, sales, known
) -> None:
    r = event_report(
        "EV", sample_budget_fen=1000, samples=samples, feedback=feedback, tallies=tallies,
        leads=leads, sales=sales, known_before=known,
    )  # fmt: skip
    want = reference(samples, feedback, tallies, leads, sales, known)
    got = {
        "visitors": r.visitors, "buyers": r.buyers, "tastings": r.tastings,
        "cost": r.sample_cost_fen, "per_visitor": r.buyers_per_visitor_bps,
        "per_tasting": r.buyers_per_tasting_bps, "identified": r.residents_identified,
        "new": r.new_residents, "sales_fen": r.sales_fen,
        "products": {
            p.sku: (
                p.tastings, p.sample_quantity, p.sample_cost_fen, p.units, p.sales_fen,
                p.feedback_count, p.rating_sum, list(p.tags),
            )
            for p in r.products
        },
        "hours": {h.hour: (h.visitors, h.sales_count, h.units, h.sales_fen) for h in r.hours},
    }  # fmt: skip
    assert got == want
    assert [h.hour for h in r.hours] == sorted(want["hours"])
