"""Grouping quality on labelled hotline data (bench/hotline_data.py): pairwise precision and recall of
the problem groups, and precision and recall of each computed category on contacts (target ≥ 0.95).

Imports the generated contacts with the real importer into a fresh database (BENCH_DATABASE_URL,
default the local PostgreSQL; "sqlite" for an embedded file), runs the recalculation ``flask recalc``
runs, and compares.  A contact is predicted to have a category when the case proposed from its
problem group carries it; it truly has it when its true problem does.

    python -m bench.bench_grouping_quality [N] [--seed S] [--explain] [--daily] [--nightly] [--hand K]
        [--data second|third|fourth]

``--data second`` judges on the second labelled set (bench/second_hotline_data.py), written with
words and sentence parts of its own; ``--data third`` on the third (bench/third_hotline_data.py),
written from how Yulin's work orders read by someone who never saw the matching code, and kept
for judging only: tune on the first two, measure on the third.  ``--data fourth`` judges on the
fourth (bench/fourth_hotline_data.py), written like the third, independently of the matching
code, and likewise kept for judging only.

``--daily`` imports the contacts day by day, each day's file grouped as it arrives (what
``import-contacts`` does every day), instead of one import and ``recalc``: the two must agree.
``--nightly`` regroups region by region, as the workers do at a year's volume.  ``--hand K`` then
does what a clerk does with the worst of it (并单 of the K true problems split the most, 拆单 of
the K groups mixing the most), runs ``recalc`` again and reports how many of the pairs their
decisions labelled the grouping still agrees with (all of them, if decisions stay).

``--explain`` also prints the true problems split the most and the groups that merge the most, with
a few of their contacts, for whoever tunes the grouping.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter, defaultdict
from datetime import datetime

import sqlalchemy as sa

from bench.common import bench_app
from bench.hotline_data import Labelled, generate, true_categories

CATEGORIES = ("repeat", "multi_channel", "cross")


def pairs(count: int) -> int:
    return count * (count - 1) // 2


def pairwise_scores(truth: list, predicted: list) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering, counted on the contingency table."""
    cells = Counter(zip(truth, predicted))
    together = sum(pairs(count) for count in cells.values())
    predicted_pairs = sum(pairs(count) for count in Counter(predicted).values())
    true_pairs = sum(pairs(count) for count in Counter(truth).values())
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / true_pairs if true_pairs else 1.0
    return precision, recall


def category_scores(truth: list[set], predicted: list[set]) -> dict[str, tuple[float, float, int, int]]:
    """Per category: precision, recall, contacts predicted, contacts truly in it."""
    found = {}
    for code in CATEGORIES:
        hit = sum(1 for t, p in zip(truth, predicted) if code in t and code in p)
        guessed = sum(1 for p in predicted if code in p)
        real = sum(1 for t in truth if code in t)
        found[code] = (hit / guessed if guessed else 1.0, hit / real if real else 1.0, guessed, real)
    return found


def other_items(data: str, n: int, seed: int) -> list[Labelled]:
    """The second or third labelled set (bench/second_hotline_data.py, bench/third_hotline_data.py)
    as import records."""
    import importlib

    module = importlib.import_module(f"bench.{data}_hotline_data")
    return [Labelled({"work_order": row["work_order"], "channel": row["channel"],
                      "received_at": datetime.strptime(row["received_at"], "%Y-%m-%d %H:%M:%S"),
                      "name": row["complainant_name"], "phone": row["phone"], "address": row["address"],
                      "content": row["content"], "units": [unit for unit in row["transfer_units"].split("、") if unit],
                      "returned_by": [unit for unit in row["return_units"].split("、") if unit],
                      "result": row["result"], "satisfaction": row["satisfaction"]}, row["problem"], "—", "—", None)
            for row in module.generate(n, seed)]


def correct_by_hand(problem_of: dict[str, int], corrections: int) -> tuple[int, int]:
    """What a clerk does on 问题分组: 并单 the groups of the true problems split the most, and 拆单 out
    of the groups that mix the most problems their smaller problems' contacts.  Returns (merges,
    splits) made."""
    from admin_site import grouping
    from admin_site.models import Contact, ContactGroup, db

    rows = db.session.execute(sa.select(Contact.id, Contact.work_order, ContactGroup.group_id)
                              .join(ContactGroup, ContactGroup.contact_id == Contact.id)
                              .order_by(Contact.received_at, Contact.id)).all()
    groups_of: dict[int, Counter] = defaultdict(Counter)
    members: dict[int, list] = defaultdict(list)
    for contact_id, order, group_id in rows:
        groups_of[problem_of[order]][group_id] += 1
        members[group_id].append((problem_of[order], contact_id))
    split_most = sorted((problem for problem, found in groups_of.items() if len(found) > 1),
                        key=lambda problem: (-len(groups_of[problem]), problem))[:corrections]
    merged: set[int] = set()
    merges = 0
    for problem in split_most:
        target, *others = [group for group, _ in groups_of[problem].most_common()]
        others = [group for group in others if group not in merged and group != target]
        if target not in merged and others:
            grouping.merge(target, others)
            merged.update([target, *others])
            merges += 1
    mixed = sorted((group for group in members if group not in merged and
                    len({problem for problem, _ in members[group]}) > 1),
                   key=lambda group: (-len(members[group]), group))[:corrections]
    for group in mixed:
        main, *_ = Counter(problem for problem, _ in members[group]).most_common(1)[0]
        grouping.split([contact_id for problem, contact_id in members[group] if problem != main])
    db.session.commit()
    return merges, len(mixed)


def run(n: int, seed: int, daily: bool = False, data: str = "first", nightly: bool = False, hand: int = 0) -> dict:
    items = generate(n, seed) if data == "first" else other_items(data, n, seed)
    with bench_app():
        from admin_site import importer
        from admin_site import grouping, rules
        from admin_site.models import Case, CaseCategory, Contact, ContactGroup, db

        started = time.perf_counter()
        result = {}
        days = itertools.groupby(sorted(items, key=lambda item: item.record["received_at"]),
                                 key=lambda item: str(item.record["received_at"])[:10])
        for _, batch in (days if daily else [("all", items)]):
            report = importer.import_records([item.record for item in batch], add_units=True)
            assert report.ok, [str(problem) for problem in report.errors[:5]]
            if daily:  # each day's file grouped as it arrives, as import-contacts does
                result = importer.finish(report)
            db.session.commit()
        imported = time.perf_counter() - started
        started = time.perf_counter()
        if nightly:  # what the workers run each night at a year's volume: the parts one after another, then the rules
            for region in grouping.parts():
                rules.regroup_part(region)
            result = rules.apply_all()
            db.session.commit()
        elif not daily:
            result = rules.recalculate()  # what the recalc command runs
            db.session.commit()
        recalculated = time.perf_counter() - started
        corrected, agreed = (0, 0), (0, 0)
        if hand:  # the office corrects the worst, the nightly regroup runs, and what they did must stay
            corrected = correct_by_hand({item.record["work_order"]: item.problem for item in items}, hand)
            rules.recalculate()
            db.session.commit()
            agreed = grouping.agreement()
        rows = db.session.execute(
            sa.select(Contact.work_order, ContactGroup.group_id, Contact.case_id)
            .outerjoin(ContactGroup, ContactGroup.contact_id == Contact.id)).all()
        case_of_group = dict(db.session.execute(
            sa.select(Case.problem_group_id, Case.id).where(Case.problem_group_id.is_not(None))).all())
        codes: dict[int, set[str]] = defaultdict(set)
        for case_id, code in db.session.execute(sa.select(CaseCategory.case_id, CaseCategory.code)):
            codes[case_id].add(getattr(code, "value", code))
        proposed = db.session.scalar(sa.select(sa.func.count()).select_from(Case))
    group_of = {order: group for order, group, _ in rows}
    case_of = {order: case_id if case_id is not None else case_of_group.get(group) for order, group, case_id in rows}
    truth = [item.problem for item in items]
    predicted = [group_of.get(item.record["work_order"]) or ("alone", index) for index, item in enumerate(items)]
    true_codes = true_categories(items)
    return {
        "items": items, "truth": truth, "predicted": predicted,
        "scores": pairwise_scores(truth, predicted),
        "categories": category_scores([true_codes[item.problem] for item in items],
                                      [codes.get(case_of.get(item.record["work_order"]), set()) for item in items]),
        "problems": len(set(truth)), "groups": len(set(predicted)), "cases": proposed,
        "true_with": Counter(code for found in true_codes.values() for code in found),
        "import_s": imported, "recalc_s": recalculated, "result": result, "corrected": corrected, "agreed": agreed,
    }


def _example(item) -> str:
    record = item.record
    return f"    [{record['work_order']}] 地址：{record['address'] or '—'}｜{record['content'][:90]}"


def explain(outcome: dict, worst: int = 10, examples: int = 3) -> None:
    items, truth, predicted = outcome["items"], outcome["truth"], outcome["predicted"]
    members: dict[int, list[int]] = defaultdict(list)
    in_group: dict[object, list[int]] = defaultdict(list)
    for index, (problem, group) in enumerate(zip(truth, predicted)):
        members[problem].append(index)
        in_group[group].append(index)
    cells = Counter(zip(truth, predicted))
    missed = Counter()
    for problem, indexes in members.items():
        kept = sum(pairs(count) for (t, _), count in cells.items() if t == problem) if len(indexes) > 1 else 0
        missed[problem] = pairs(len(indexes)) - kept
    print(f"\n{worst} true problems split the most (pairs missed):")
    for problem, count in missed.most_common(worst):
        if not count:
            break
        indexes = members[problem]
        item = items[indexes[0]]
        parts = Counter(predicted[index] for index in indexes)
        print(f"  problem {problem} ({item.topic}; {item.place}; {item.thing or '—'}): {len(indexes)} contacts "
              f"in {len(parts)} groups, {count} pairs missed")
        shown = set()
        for index in indexes:
            if predicted[index] not in shown and len(shown) < examples:
                shown.add(predicted[index])
                print(_example(items[index]))
    wrong = Counter()
    for group, indexes in in_group.items():
        wrong[group] = pairs(len(indexes)) - sum(pairs(count) for count in Counter(truth[i] for i in indexes).values())
    print(f"\n{worst} groups merging the most true problems (wrong pairs):")
    for group, count in wrong.most_common(worst):
        if not count:
            break
        indexes = in_group[group]
        problems = Counter(truth[index] for index in indexes)
        print(f"  group {group}: {len(indexes)} contacts of {len(problems)} true problems, {count} wrong pairs")
        for problem, _ in problems.most_common(examples):
            index = next(i for i in indexes if truth[i] == problem)
            item = items[index]
            print(f"   problem {problem} ({item.topic}; {item.place}; {item.thing or '—'}):")
            print(_example(item))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--daily", action="store_true",
                        help="import the contacts day by day, each day grouped as it arrives, instead of recalc")
    parser.add_argument("--data", choices=("first", "second", "third", "fourth"), default="first",
                        help="bench/hotline_data.py (first), bench/second_hotline_data.py (second), "
                             "bench/third_hotline_data.py (third) or bench/fourth_hotline_data.py (fourth)")
    parser.add_argument("--nightly", action="store_true",
                        help="regroup as the nightly job does, county part by county part, instead of recalc")
    parser.add_argument("--hand", type=int, default=0, metavar="K",
                        help="then 并单 the K most split true problems and 拆单 the K most mixed groups, as a clerk "
                             "would, regroup, and report the agreement with the pairs they labelled")
    args = parser.parse_args()
    outcome = run(args.n, args.seed, args.daily, args.data, args.nightly, args.hand)
    precision, recall = outcome["scores"]
    print(f"grouping quality: {args.n} contacts, {outcome['problems']} true problems, {outcome['groups']} groups, "
          f"{outcome['cases']} proposed cases; import {outcome['import_s']:.1f} s, recalc {outcome['recalc_s']:.1f} s")
    print(f"grouping pairwise precision {precision:.4f}, recall {recall:.4f} (target ≥ 0.95 each)")
    for code, (p, r, guessed, real) in outcome["categories"].items():
        print(f"category {code}: precision {p:.4f}, recall {r:.4f} (contacts predicted {guessed}, truly {real}; "
              f"true problems with it {outcome['true_with'][code]})")
    if args.hand:
        (merges, splits), (agreed, labelled) = outcome["corrected"], outcome["agreed"]
        print(f"by hand: {merges} merges and {splits} splits, then a regroup; the grouping agrees with {agreed:,} of "
              f"the {labelled:,} pairs they labelled ({agreed / max(labelled, 1):.2%}); the figures above are after them")
    if args.explain:
        explain(outcome)


if __name__ == "__main__":
    main()
