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
    RefundLineRec,
    RefundRec,
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


# --- refunds: the report is net of them ----------------------------------------------------


def test_a_worked_day_with_refunds() -> None:
    """s1 returned in part (one of two teas), s2 returned whole (both lines, in two
    refunds), s3 kept: two sales, two buyers, the figures net of what came back."""
    sales = [
        SaleRec("s1", at(10), "R0001", (SaleLineRec(TEA, 2, 5000, 1),)),
        SaleRec("s2", at(25), None, (SaleLineRec(TEA, 1, 2500, 1), SaleLineRec(LU, 500, 3000, 2))),
        SaleRec("s3", at(75), "R0002", (SaleLineRec(LU, 250, 1500, 1),)),
    ]
    refunds = [
        RefundRec("s1", (RefundLineRec(1, 1, 2500),)),
        RefundRec("s2", (RefundLineRec(1, 1, 2497),)),  # its 抹零 share kept back: 3 分
        RefundRec("s2", (RefundLineRec(2, 500, 3000),)),
        RefundRec("s-other", (RefundLineRec(1, 1, 100),)),  # another event's sale
    ]
    report = event_report(
        "EV1", sample_budget_fen=0, samples=[], feedback=[], tallies=[TallyRec(4, at(1))],
        leads=[], sales=sales, refunds=refunds,
    )  # fmt: skip
    assert (report.sales_count, report.buyers, report.member_buyers) == (2, 2, 2)
    assert (report.sales_fen, report.units) == (2500 + 1500, 1 + 250)
    assert report.buyers_per_visitor_bps == 5000
    assert report.residents_identified == 2
    assert report.products == (
        ProductFigures(sku=LU, units=250, sales_fen=1500),
        ProductFigures(sku=TEA, units=1, sales_fen=2500),
    )
    nine, ten = (at(0).astimezone(SH) + timedelta(hours=h) for h in (0, 1))
    assert report.hours == (
        HourFigures(hour=nine, visitors=4, sales_count=1, units=1, sales_fen=2500),
        HourFigures(hour=ten, sales_count=1, units=250, sales_fen=1500),
    )


def net_reference(sales: list[SaleRec], refunds: list[RefundRec]) -> list[SaleRec]:
    """Each line less the sum of the refund lines naming its sale and number, by filtering."""
    kept = []
    for s in sales:
        mine = [rl for r in refunds if r.sale_id == s.sale_id for rl in r.lines]
        lines = []
        for ln in s.lines:
            q = sum(rl.quantity for rl in mine if rl.line_no == ln.line_no)
            a = sum(rl.amount_fen for rl in mine if rl.line_no == ln.line_no)
            if q != ln.quantity:
                lines.append(SaleLineRec(ln.sku, ln.quantity - q, ln.amount_fen - a, ln.line_no))
        if lines or not s.lines:
            kept.append(SaleRec(s.sale_id, s.at, s.resident_id, tuple(lines)))
    return kept


@st.composite
def refunded_sales_st(draw: st.DrawFn) -> tuple[list[SaleRec], list[RefundRec]]:
    """Sales with numbered lines, and refunds of them within what each line has left."""
    sales, refunds = [], []
    for i in range(draw(st.integers(0, 10))):
        lines = tuple(
            SaleLineRec(draw(st.sampled_from(SKUS)), draw(st.integers(1, 20)),
                        draw(st.integers(0, 9999)), n)
            for n in range(1, draw(st.integers(1, 3)) + 1)
        )  # fmt: skip
        sale = SaleRec(f"s{i}", draw(moments), draw(maybe_resident), lines)
        sales.append(sale)
        left = {ln.line_no: [ln.quantity, ln.amount_fen] for ln in lines}
        for _ in range(draw(st.integers(0, 3))):
            back = []
            for n, (q, a) in left.items():
                if q and draw(st.booleans()):
                    bq = draw(st.integers(1, q))
                    ba = a if bq == q and draw(st.booleans()) else draw(st.integers(0, a))
                    left[n] = [q - bq, a - ba]
                    back.append(RefundLineRec(n, bq, ba))
            if back:
                refunds.append(RefundRec(sale.sale_id, tuple(back)))
    return sales, refunds


@settings(max_examples=150, deadline=None)
@given(data=refunded_sales_st(), tallies=st.lists(st.builds(TallyRec, st.integers(1, 50), moments),
                                                 max_size=5))  # fmt: skip
def test_the_report_net_of_refunds_equals_a_recomputation(data, tallies) -> None:  # type: ignore[no-untyped-def]
    sales, refunds = data
    r = event_report(
        "EV", sample_budget_fen=0, samples=[], feedback=[], tallies=tallies, leads=[],
        sales=sales, refunds=refunds,
    )  # fmt: skip
    netted = net_reference(sales, refunds)
    want = reference([], [], tallies, [], netted, [])
    got = {
        "buyers": r.buyers, "sales_fen": r.sales_fen, "per_visitor": r.buyers_per_visitor_bps,
        "products": {p.sku: (p.units, p.sales_fen) for p in r.products},
        "hours": {h.hour: (h.visitors, h.sales_count, h.units, h.sales_fen) for h in r.hours},
        "sales_count": r.sales_count,
    }  # fmt: skip
    assert got == {
        "buyers": want["buyers"], "sales_fen": want["sales_fen"],
        "per_visitor": want["per_visitor"],
        "products": {k: (v[3], v[4]) for k, v in want["products"].items()},
        "hours": want["hours"], "sales_count": len(netted),
    }  # fmt: skip
    # identified by a sale, even one returned whole since
    assert r.residents_identified == len({s.resident_id for s in sales} - {None})
