"""Problem grouping (并单): which contacts are the same problem.

Same problem = same place and same matter, within a window of days.  The place is the estate or
road an address names (normalize.place_key); a contact without a usable address is placed by its
caller (the keyed phone hash), so one frequent caller's different matters stay apart.  The matter
is a topic from the complaint's words; complaints that name none are compared by character
bigrams, but only with others at the same place.  A person's merge or split (a ``locked`` membership)
is never undone: recalculation leaves locked contacts where they are and lets new calls join them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from .bulk import postgresql_cursor
from .models import Contact, ContactGroup, ProblemGroup, db, now_local
from .normalize import bigrams, similarity

SIMILAR_ENOUGH = 0.5


@dataclass(slots=True)
class Row:
    id: int
    block: str
    topic: str
    received_at: datetime
    group_id: int | None
    locked: bool
    text: set | None = None


def block_of(place_key: str | None, phone_hash: str | None, work_order: str) -> str:
    """Where a contact's problem is: its place, else its caller, else only itself."""
    if place_key:
        return place_key
    if phone_hash:
        return "tel:" + phone_hash
    return "wo:" + work_order


def cluster(rows: list[Row], window: timedelta) -> list[list[Row]]:
    """Split contacts into problems: same block, same topic (or similar words), no gap over ``window``."""
    by_key: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        by_key[row.block, row.topic].append(row)
    _adopt_untopical(by_key)
    clusters: list[list[Row]] = []
    for (_, topic), members in by_key.items():
        members.sort(key=lambda row: (row.received_at, row.id))
        for same_matter in (_by_similar_words(members) if not topic else [members]):
            current = [same_matter[0]]
            for row in same_matter[1:]:
                if row.received_at - current[-1].received_at > window:
                    clusters.append(current)
                    current = []
                current.append(row)
            clusters.append(current)
    return clusters


def _adopt_untopical(by_key: dict[tuple[str, str], list[Row]]) -> None:
    """A complaint whose topic word was mistyped joins the topic at its place that it reads like."""
    topics_at: dict[str, list[str]] = defaultdict(list)
    for block, topic in by_key:
        if topic:
            topics_at[block].append(topic)
    for (block, topic), members in list(by_key.items()):
        if topic or not topics_at[block]:
            continue
        candidates = [(other, by_key[block, other]) for other in topics_at[block]]
        texts = {other: set().union(*(row.text for row in rows if row.text is not None)) for other, rows in candidates}
        left = []
        for row in members:
            best = max(texts, key=lambda other: similarity(texts[other], row.text))
            if similarity(texts[best], row.text) >= SIMILAR_ENOUGH:
                by_key[block, best].append(row)
            else:
                left.append(row)
        if left:
            by_key[block, topic] = left
        else:
            del by_key[block, topic]


def _by_similar_words(rows: list[Row]) -> list[list[Row]]:
    groups: list[tuple[set, list[Row]]] = []
    for row in rows:
        best = max(groups, key=lambda group: similarity(group[0], row.text), default=None)
        if best is not None and similarity(best[0], row.text) >= SIMILAR_ENOUGH:
            best[1].append(row)
            best[0].update(row.text)
        else:
            groups.append((set(row.text), [row]))
    return [members for _, members in groups]


def _rows(where=None) -> list[Row]:
    members = ContactGroup.__table__
    query = (sa.select(Contact.id, Contact.place_key, Contact.phone_hash, Contact.work_order, Contact.topic,
                       Contact.received_at, members.c.group_id, sa.func.coalesce(members.c.locked, False))
             .select_from(Contact.__table__.outerjoin(members, members.c.contact_id == Contact.id)))
    if where is not None:
        query = query.where(where)
    return [Row(id, block_of(place, phone, order), topic or "", received, group, locked)
            for id, place, phone, order, topic, received, group, locked in db.session.execute(query)]


SAMPLE_PER_TOPIC = 20


def _with_texts(rows: list[Row]) -> list[Row]:
    """Words are compared only where a complaint names no topic: load them for those complaints, and
    for the latest few of each topic at the same places (enough to recognise a mistyped one)."""
    wordy_blocks = {row.block for row in rows if not row.topic}
    sampled: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.block in wordy_blocks and row.topic:
            sampled[row.block, row.topic].append(row)
    needed = [row for row in rows if not row.topic]
    for members in sampled.values():
        members.sort(key=lambda row: row.received_at)
        needed += members[-SAMPLE_PER_TOPIC:]
    _add_texts([row for row in needed if row.text is None])
    return rows


def _add_texts(rows: list[Row]) -> None:
    by_id = {row.id: row for row in rows}
    ids = list(by_id)
    cursor = postgresql_cursor()
    for start in range(0, len(ids), 50000 if cursor else 5000):
        chunk = ids[start:start + (50000 if cursor else 5000)]
        if cursor is not None:
            cursor.execute("SELECT id, content FROM contacts WHERE id = ANY(%s)", (chunk,))
            found = cursor.fetchall()
        else:
            found = db.session.execute(sa.select(Contact.id, Contact.content).where(Contact.id.in_(chunk)))
        for contact_id, content in found:
            by_id[contact_id].text = bigrams(content)


def _label(members: list[Row], taken: set[int]) -> int | None:
    """Keep a group's number stable: a locked contact's group, else the group most members had."""
    locked = [row.group_id for row in members if row.locked and row.group_id]
    if locked:
        return locked[-1]
    counts: dict[int, int] = defaultdict(int)
    for row in members:
        if row.group_id and not row.locked:
            counts[row.group_id] += 1
    for group_id, _ in sorted(counts.items(), key=lambda item: -item[1]):
        if group_id not in taken:
            return group_id
    return None


def recalculate(window_days: int) -> dict:
    """Group every contact again; hand-made groupings stay.  Returns counts."""
    window = timedelta(days=window_days)
    rows = _with_texts(_rows())
    manual = set(db.session.scalars(sa.select(ProblemGroup.id).where(ProblemGroup.manual)))
    moves: dict[int, int | None] = {}
    new_groups: list[tuple[list[Row], str, str]] = []
    taken: set[int] = set(manual)
    kept = 0
    for members in cluster(rows, window):
        label = _label(members, taken)
        if label is None:
            new_groups.append((members, members[0].block, members[0].topic))
            continue
        taken.add(label)
        kept += 1
        for row in members:
            if not row.locked and row.group_id != label:
                moves[row.id] = label
    # Groups that gained or lost contacts; new groups are written with their figures already.
    touched = set(moves.values()) | {row.group_id for row in rows if row.id in moves and row.group_id}
    touched |= _emptied(taken)
    created = _create_groups(new_groups, moves)
    _apply_moves(moves)
    _refresh_groups(touched)
    return {"contacts": len(rows), "groups": kept + created, "moved": len(moves)}


def _emptied(taken: set[int]) -> set[int]:
    """Groups that no cluster kept: their contacts all moved elsewhere."""
    return set(db.session.scalars(sa.select(ProblemGroup.id).where(ProblemGroup.manual.is_(False)))) - taken


def group_new(contact_ids: list[int], window_days: int) -> dict:
    """Put newly arrived contacts into their problems, joining recent groups of the same key.

    Each recent group at the same places stands in as one row (its latest call, and the words of
    its latest few contacts where wording matters), so the cost follows the groups, not the calls.
    """
    window = timedelta(days=window_days)
    new = [row for row in _rows(Contact.id.in_(contact_ids)) if not row.locked]
    if not new:
        return {"contacts": 0, "groups": 0}
    _add_texts([row for row in new if not row.topic])
    blocks = sorted({row.block for row in new})
    earliest = min(row.received_at for row in new) - window
    proxies = []
    for start in range(0, len(blocks), 5000):
        proxies += [Row(-group_id, place, topic, last_at, group_id, False)
                    for group_id, place, topic, last_at in db.session.execute(
                        sa.select(ProblemGroup.id, ProblemGroup.place_key, ProblemGroup.topic, ProblemGroup.last_at)
                        .where(ProblemGroup.place_key.in_(blocks[start:start + 5000]),
                               ProblemGroup.last_at >= earliest))]
    wordy = {row.block for row in new if not row.topic}
    _add_group_texts([proxy for proxy in proxies if proxy.block in wordy or not proxy.topic])
    moves: dict[int, int | None] = {}
    new_groups = []
    for members in cluster(proxies + new, window):
        arrivals = [row for row in members if row.id > 0]
        settled = [row for row in members if row.id < 0]
        if not arrivals:
            continue
        if not settled:
            new_groups.append((arrivals, arrivals[0].block, arrivals[0].topic))
            continue
        for row in arrivals:
            moves[row.id] = settled[-1].group_id
    created = _create_groups(new_groups, moves)
    _apply_moves(moves)
    _refresh_groups({group for group in moves.values() if group is not None})
    return {"contacts": len(new), "groups": created}


def _add_group_texts(proxies: list[Row]) -> None:
    """The words of each group's latest few contacts, for the rows standing in for groups."""
    by_group = {proxy.group_id: proxy for proxy in proxies}
    for proxy in proxies:
        proxy.text = set()
    if not by_group:
        return
    ranked = (sa.select(ContactGroup.group_id, Contact.content,
                        sa.func.row_number().over(partition_by=ContactGroup.group_id,
                                                  order_by=Contact.received_at.desc()).label("rank"))
              .join(Contact, Contact.id == ContactGroup.contact_id)
              .where(ContactGroup.group_id.in_(list(by_group))).subquery())
    for group_id, content in db.session.execute(sa.select(ranked.c.group_id, ranked.c.content)
                                                .where(ranked.c.rank <= SAMPLE_PER_TOPIC)):
        by_group[group_id].text |= bigrams(content)


def _create_groups(new_groups, moves: dict[int, int | None]) -> int:
    if not new_groups:
        return 0
    now = now_local()
    values = [(block[:200], topic, len(members), members[0].received_at, members[-1].received_at)
              for members, block, topic in new_groups]
    cursor = postgresql_cursor()
    if cursor is not None:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('problem_groups', 'id')) "
                       "FROM generate_series(1, %s)", (len(values),))
        ids = [row[0] for row in cursor.fetchall()]
        with cursor.copy("COPY problem_groups (id, place_key, topic, contact_count, first_at, last_at, manual, "
                         "created_at, updated_at) FROM STDIN") as copy:
            for group_id, value in zip(ids, values):
                copy.write_row((group_id, *value, False, now, now))
    else:
        columns = ("place_key", "topic", "contact_count", "first_at", "last_at")
        ids = db.session.scalars(
            sa.insert(ProblemGroup).returning(ProblemGroup.id, sort_by_parameter_order=True),
            [{**dict(zip(columns, value)), "manual": False, "created_at": now, "updated_at": now}
             for value in values]).all()
    for group_id, (members, _, _) in zip(ids, new_groups):
        for row in members:
            moves[row.id] = group_id
    return len(ids)


def _apply_moves(moves: dict[int, int | None]) -> None:
    """Record each contact's new group (never a locked one: those are not in ``moves``)."""
    if not moves:
        return
    cursor = postgresql_cursor()
    if cursor is not None:
        cursor.execute("CREATE TEMP TABLE group_moves (contact_id integer PRIMARY KEY, group_id integer) "
                       "ON COMMIT DROP")
        with cursor.copy("COPY group_moves FROM STDIN") as copy:
            for move in moves.items():
                copy.write_row(move)
        cursor.execute("INSERT INTO contact_groups (contact_id, group_id, locked) "
                       "SELECT contact_id, group_id, false FROM group_moves "
                       "ON CONFLICT (contact_id) DO UPDATE SET group_id = EXCLUDED.group_id")
        cursor.execute("DROP TABLE group_moves")
        return
    insert = sa.dialects.sqlite.insert(ContactGroup.__table__)
    db.session.execute(insert.on_conflict_do_update(index_elements=["contact_id"],
                                                    set_={"group_id": insert.excluded.group_id}),
                       [{"contact_id": contact_id, "group_id": group_id, "locked": False}
                        for contact_id, group_id in moves.items()])


def _refresh_groups(group_ids: set[int] | None = None) -> None:
    """Recount each group's contacts and dates; drop groups nobody is left in (unless hand-made)."""
    if group_ids is not None and not group_ids:
        return
    if group_ids is not None and len(group_ids) > 10000:
        group_ids = None  # as cheap to recount them all, and no statement with that many parameters
    groups, contacts, members = ProblemGroup.__table__, Contact.__table__, ContactGroup.__table__
    in_scope = groups.c.id.in_(list(group_ids)) if group_ids is not None else sa.true()
    counted = members.c.group_id.in_(list(group_ids)) if group_ids is not None else sa.true()
    stats = (sa.select(members.c.group_id, sa.func.count().label("n"),
                       sa.func.min(contacts.c.received_at).label("first"),
                       sa.func.max(contacts.c.received_at).label("last"))
             .select_from(members.join(contacts, contacts.c.id == members.c.contact_id))
             .where(counted).group_by(members.c.group_id).subquery())
    quiet = {"synchronize_session": False}
    db.session.execute(sa.update(groups).where(in_scope).values(contact_count=0).execution_options(**quiet))
    db.session.execute(sa.update(groups).where(groups.c.id == stats.c.group_id).values(
        contact_count=stats.c.n, first_at=stats.c.first, last_at=stats.c.last).execution_options(**quiet))
    db.session.execute(sa.delete(groups).where(in_scope, groups.c.contact_count == 0, groups.c.manual.is_(False))
                       .execution_options(**quiet))


def merge(target_id: int, other_ids: list[int]) -> int:
    """并单: move every contact of the other groups into the target, for good.  Returns contacts moved."""
    moved = db.session.execute(
        sa.update(ContactGroup).where(ContactGroup.group_id.in_([target_id, *other_ids]))
        .values(group_id=target_id, locked=True).execution_options(synchronize_session=False)).rowcount
    db.session.execute(sa.update(ProblemGroup).where(ProblemGroup.id == target_id).values(manual=True))
    db.session.execute(sa.update(ProblemGroup).where(ProblemGroup.id.in_(other_ids)).values(manual=False))
    _refresh_groups({target_id, *other_ids})
    return moved


def split(contact_ids: list[int]) -> int:
    """拆单: take these contacts out of their group into a new one of their own, for good."""
    first = db.session.get(Contact, contact_ids[0])
    old = first.group_id
    group = ProblemGroup(place_key=block_of(first.place_key, first.phone_hash, first.work_order)[:200],
                         topic=first.topic or "", manual=True)
    db.session.add(group)
    db.session.flush()
    db.session.execute(sa.delete(ContactGroup).where(ContactGroup.contact_id.in_(contact_ids))
                       .execution_options(synchronize_session=False))
    db.session.execute(sa.insert(ContactGroup), [{"contact_id": contact_id, "group_id": group.id, "locked": True}
                                                 for contact_id in contact_ids])
    if old is not None:
        db.session.execute(sa.update(ContactGroup).where(ContactGroup.group_id == old).values(locked=True)
                           .execution_options(synchronize_session=False))
        db.session.execute(sa.update(ProblemGroup).where(ProblemGroup.id == old).values(manual=True))
    _refresh_groups({group.id} | ({old} if old else set()))
    return group.id
