"""The labelled hotline generator (bench/hotline_data.py): deterministic, labels consistent with the
records, real Yulin places, and a CSV the project's importer takes whole, on both databases."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
import sqlalchemy as sa

from admin_site import importer
from admin_site.models import Contact, db
from bench import hotline_data

N = 1500
SIMPLIFIED = {traditional: simplified for simplified, traditional in hotline_data.TRADITIONAL.items()}


def items(n=N, seed=7):
    return hotline_data.generate(n, seed)


def test_same_seed_same_data_other_seed_other_data():
    first, again, other = items(300), items(300), items(300, seed=8)
    assert [(i.record, i.problem) for i in first] == [(i.record, i.problem) for i in again]
    assert [i.record["content"] for i in first] != [i.record["content"] for i in other]


def test_records_have_exactly_the_import_keys_and_unique_work_orders():
    data = items()
    keys = {"work_order", "channel", "received_at", "name", "phone", "address", "content", "units", "returned_by",
            "result", "satisfaction"}
    assert len(data) == N
    assert all(set(item.record) == keys for item in data)
    assert len({item.record["work_order"] for item in data}) == N
    assert {item.record["channel"] for item in data} <= {"phone", "web", "wechat", "app", "other"}
    assert {item.record["satisfaction"] for item in data} <= {"满意", "基本满意", "不满意", "未回访"}
    times = [item.record["received_at"] for item in data]
    assert times == sorted(times)
    assert hotline_data.START <= times[0] and times[-1] <= hotline_data.END
    assert all(item.record["units"] and item.record["content"] for item in data)
    # A unit that returned a work order is one it was transferred to.
    assert all(set(item.record["returned_by"]) <= set(item.record["units"]) for item in data)


def test_sizes_and_categories_are_like_the_hotlines():
    data = items(6000)
    sizes = Counter(item.problem for item in data)
    alone = sum(1 for size in sizes.values() if size == 1)
    assert 0.45 < alone / len(sizes) < 0.75
    assert any(size >= 10 for size in sizes.values())
    truth = hotline_data.true_categories(data)
    assert set(truth) == set(sizes)
    counts = Counter(code for found in truth.values() for code in found)
    assert all(counts[code] > 50 for code in ("repeat", "multi_channel", "cross"))
    channels = Counter(item.record["channel"] for item in data)
    assert channels.most_common(1)[0][0] == "phone"


def test_category_truth_follows_from_each_problems_contacts():
    data = items()
    truth = hotline_data.true_categories(data)
    by_problem = defaultdict(list)
    for item in data:
        by_problem[item.problem].append(item.record)
    for problem, records in by_problem.items():
        days = sorted(record["received_at"].date() for record in records)
        repeated = any((days[i + 2] - days[i]).days <= 365 for i in range(len(days) - 2))
        units = {hotline_data.unit_canonical(unit) for record in records for unit in record["units"]}
        returned = any(record["returned_by"] for record in records)
        assert ("repeat" in truth[problem]) == repeated
        assert ("multi_channel" in truth[problem]) == (len({record["channel"] for record in records}) > 1)
        assert ("cross" in truth[problem]) == (len(units) > 1 or returned)
        if len(records) == 1:
            assert "repeat" not in truth[problem] and "multi_channel" not in truth[problem]


def test_every_contact_can_be_placed_by_a_reader():
    """A contact of a problem at a place names the thing, or says the village (or road, estate,
    landmark) in its address or text; a personal matter has the caller's phone."""
    for item in items():
        record = item.record
        # Read as simplified text (a few callers type traditional characters).
        words = ((record["address"] or "") + record["content"]).translate(SIMPLIFIED)
        if item.topic == "personal":
            assert record["phone"]
            continue
        place = item.place
        if item.thing and any(name in words for name in (item.thing, *item.names)):
            continue
        assert any(part and part in words for part in _place_words(place)), (item.place, words)


def _place_words(label: str) -> list[str]:
    gazetteer = hotline_data.load_gazetteer()
    words = []
    for county, towns in gazetteer.items():
        for town, villages in towns.items():
            for village in villages:
                if village in label:
                    base = village[:-1] if village.endswith("村") else village.removesuffix("社区")
                    words += [village, base if len(base) > 1 else village]
    roads = {road for county_roads in hotline_data.ROADS.values() for road in county_roads}
    words += [road for road in roads if road in label]
    words += [mark for marks in hotline_data.LANDMARKS.values() for mark in marks if mark in label]
    return words or [label]


def test_look_alike_problems_and_recurring_problems_are_there():
    data = items(6000)
    per_problem = defaultdict(list)
    for item in data:
        per_problem[item.problem].append(item)
    # Several wage-arrears problems about different projects.
    wage_things = {first.thing for first, *_ in per_problem.values() if first.topic == "wage"}
    assert len(wage_things) > 20
    # One village with problems of different matters; one road with noise from different shops.
    matters_at = defaultdict(set)
    for group in per_problem.values():
        matters_at[group[0].place.split("屯")[0]].add(group[0].topic)
    assert any(len(matters) > 1 for matters in matters_at.values())
    # A problem that comes back after months.
    gaps = [max((b.record["received_at"] - a.record["received_at"]).days for a, b in zip(group, group[1:]))
            for group in per_problem.values() if len(group) > 2]
    assert any(gap >= 90 for gap in gaps)
    # A caller with several different problems.
    problems_of = defaultdict(set)
    for item in data:
        problems_of[item.record["phone"]].add(item.problem)
    assert any(len(problems) > 1 for problems in problems_of.values())


def test_gazetteer_from_the_file_or_the_embedded_list(tmp_path):
    embedded = hotline_data.load_gazetteer(str(tmp_path / "missing.txt"))
    assert set(embedded) == set(hotline_data.COUNTY_SPELLINGS)
    assert sum(len(villages) for towns in embedded.values() for villages in towns.values()) >= 40
    data = hotline_data.generate(200, 3)
    assert len(data) == 200


def test_the_csv_imports_whole_with_the_importer(app, tmp_path):
    data = items(800)
    path = tmp_path / "工单.csv"
    assert hotline_data.write_csv(data, str(path)) == len(data)
    report = importer.import_file(path.read_bytes(), path.name, add_units=True)
    assert report.ok, [str(problem) for problem in report.errors[:5]]
    db.session.commit()
    assert report.created == len(data)
    stored = dict(db.session.execute(sa.select(Contact.work_order, Contact.channel)).all())
    assert {order: channel.value for order, channel in stored.items()} == \
        {item.record["work_order"]: item.record["channel"] for item in data}


def test_the_records_import_through_import_records(app):
    data = items(300)
    report = importer.import_records([item.record for item in data], add_units=True)
    assert report.ok, [str(problem) for problem in report.errors[:5]]
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == len(data)


@pytest.mark.parametrize("data", ["second", "third"])
def test_the_other_labelled_sets_are_deterministic_and_import_whole(app, data):
    from bench.bench_grouping_quality import other_items

    first, again = other_items(data, 400, 1), other_items(data, 400, 1)
    assert [(i.record, i.problem) for i in first] == [(i.record, i.problem) for i in again]
    assert len({i.record["work_order"] for i in first}) == 400 and len({i.problem for i in first}) > 100
    report = importer.import_records([item.record for item in first], add_units=True)
    assert report.ok, [str(problem) for problem in report.errors[:5]]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 400
