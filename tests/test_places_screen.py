"""地名库: the office's screen for the gazetteer.  The places table is kept between tests (conftest
clear_tables), so every test that changes a place puts it back."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from admin_site.auth import create_user
from admin_site.models import AuditLog, Place, PlaceLevel, Role, db

from .conftest import PASSWORD, csrf_from, log_in_page, login

ROW = re.compile(r'<td class="col-name">\s*(.*?)\s*</td>\s*<td class="col-level">\s*(.*?)\s*</td>\s*'
                 r'<td class="col-parent">\s*(.*?)\s*</td>\s*<td class="col-aliases">\s*(.*?)\s*</td>', re.S)


def place(*path: str) -> Place:
    """The stored place by its path, e.g. place("容县", "石头镇")."""
    found = None
    for name in path:
        found = db.session.execute(sa.select(Place).where(
            Place.name == name, Place.parent_id == found.id if found else Place.parent_id.is_(None))).scalar_one()
    return found


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Place))


def rows(response) -> list[tuple[str, str, str, str]]:
    assert response.status_code == 200
    return ROW.findall(response.get_data(as_text=True))


def filter_arg(app, kind: str) -> str:
    """The query key of the screen's filter of this class (its number in the filter menu)."""
    view = next(view for view in app.extensions["admin"][0]._views if view.endpoint == "places")
    return next(arg for arg, (_, flt) in view._filter_args.items() if type(flt).__name__ == kind)


def post(client, url: str, data: dict):
    token = csrf_from(client.get("/admin/places/").get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, follow_redirects=True)


@pytest.fixture
def added():
    """Names of places a test adds under a parent, deleted afterwards: [(parent, name), ...]."""
    made: list[tuple[Place, str]] = []
    yield made
    db.session.rollback()
    for parent, name in made:
        db.session.execute(sa.delete(Place).where(Place.parent_id == parent.id, Place.name == name))
    db.session.commit()


@pytest.fixture
def shitou():
    """容县石头镇 with its aliases and name as they were, put back afterwards."""
    town = place("容县", "石头镇")
    before = (town.name, town.aliases, town.updated_at)
    yield town
    db.session.rollback()
    db.session.execute(sa.update(Place).where(Place.id == town.id).values(
        name=before[0], aliases=before[1], updated_at=before[2]))
    db.session.commit()


def test_the_list_shows_full_names_in_order_and_filters(app, office):
    listed = rows(office.get("/admin/places/"))
    assert len(listed) == 50  # one page
    assert listed[0][1] == "县（市、区）" and listed[0][2] == ""
    seen = set()
    for name, _, parent, _ in listed:  # sorted by full name: a place's parent stands above it
        assert parent == "" or parent in seen, (name, parent)
        seen.add(parent + name)
    page = office.get("/admin/places/").get_data(as_text=True)
    for header in ("名称", "级别", "所属", "别名", "修改时间"):
        assert header in page

    level, county = filter_arg(app, "EnumEqualFilter"), filter_arg(app, "CountyFilter")
    villages = rows(office.get(f"/admin/places/?flt0_{level}=village&page_size=100"))
    assert len(villages) == 100 and {level for _, level, _, _ in villages} == {"村（社区）"}
    rongxian = rows(office.get(f"/admin/places/?flt0_{county}=容县&page_size=100"))
    assert rongxian[0][:3] == ("容县", "县（市、区）", "")
    assert len(rongxian) == 100 and all(parent.startswith("容县") for _, _, parent, _ in rongxian[1:])
    towns = rows(office.get(f"/admin/places/?flt0_{county}=容县&flt1_{level}=town"))
    assert len(towns) == 15 and ("石头镇", "乡镇（街道）", "容县", "") in towns

    by_parent = rows(office.get("/admin/places/?sort=2"))  # 所属: the counties (no parent) first
    assert [level for _, level, _, _ in by_parent[:7]] == ["县（市、区）"] * 7 and by_parent[7][2] != ""
    last = rows(office.get("/admin/places/?sort=2&desc=1"))
    assert last[0][1] == "村（社区）" and all(parent == last[0][2] for _, _, parent, _ in last[:3])


def test_two_places_of_one_name_are_told_apart(office):
    found = rows(office.get("/admin/places/?search=城北街道"))
    assert {(name, parent) for name, _, parent, _ in found} == {("城北街道", "北流市"), ("城北街道", "玉州区")}


def test_search_finds_a_place_by_its_alias(office, shitou):
    shitou.aliases = "石头圩\n石头镇政府"
    db.session.commit()
    found = rows(office.get("/admin/places/?search=石头圩"))
    assert found == [("石头镇", "乡镇（街道）", "容县", "石头圩、石头镇政府")]


def test_the_office_adds_a_village_with_the_rendered_form(app, page, added):
    town = place("容县", "石头镇")
    added.append((town, "新建测试村"))
    log_in_page(page)
    page.goto(page.base_url + "/admin/places/new/")
    page.locator("#level").select_option("village", force=True)  # drawn by select2 over the select
    page.click("#s2id_parent")
    page.keyboard.type("容县石头")
    page.locator(".select2-result-label", has_text="容县石头镇").first.click()
    page.fill("#name", "新建测试村")
    page.fill("#aliases", "测试村委\n\n  测试村委 \n老测试村")
    page.locator("form.admin-form [type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".alert-danger, .invalid-feedback").all_inner_texts() == []
    db.session.expire_all()
    village = place("容县", "石头镇", "新建测试村")
    assert (village.level, village.aliases) == (PlaceLevel.village, "测试村委\n老测试村")
    assert village.full_name == "容县石头镇新建测试村"


def a_place_of_level(level: str | None) -> Place | None:
    town = place("容县", "石头镇")
    return {"county": town.parent, "town": town, "village": town.children[0], None: None}[level]


@pytest.mark.parametrize("level, parent_level, message", [
    ("village", "county", "村（社区）应隶属于乡镇（街道）：请选择它所在的乡镇。"),
    ("village", "village", "村（社区）应隶属于乡镇（街道）：请选择它所在的乡镇。"),
    ("town", "town", "乡镇（街道）应隶属于县（市、区）：请选择它所在的县区。"),
    ("town", None, "乡镇（街道）应隶属于县（市、区）：请选择它所在的县区。"),
    ("county", None, "不是有效"),  # the seven counties come with the seed; the form offers none
])
def test_a_place_must_fit_its_parent(office, added, level, parent_level, message):
    parent = a_place_of_level(parent_level)
    if parent is not None:
        added.append((parent, "错位测试地名"))
    before = count()
    response = post(office, "/admin/places/new/", {"level": level, "parent": str(parent.id) if parent else "",
                                                   "name": "错位测试地名"})
    assert message in response.get_data(as_text=True)
    assert count() == before


def test_a_name_is_used_once_under_one_parent(office):
    before = count()
    response = post(office, "/admin/places/new/", {"level": "village", "parent": str(place("玉州区", "茂林镇").id),
                                                   "name": "大芦社区"})
    assert "玉州区茂林镇下已有名为“大芦社区”的地名" in response.get_data(as_text=True)
    assert count() == before
    renamed = place("玉州区", "茂林镇", "山电社区")
    response = post(office, f"/admin/places/edit/?id={renamed.id}", {"name": "大芦社区", "aliases": ""})
    assert "已有名为“大芦社区”" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Place, renamed.id).name == "山电社区"


def test_aliases_are_cleaned_and_checked(office, shitou):
    stamp = shitou.updated_at
    county = shitou.parent_id
    post(office, f"/admin/places/edit/?id={shitou.id}",
         {"name": "石头镇", "aliases": "  石头圩 \r\n\r\n石头圩\r\n石头镇人民政府\r\n", "level": "village",
          "parent": str(place("玉州区").id)})
    db.session.expire_all()
    edited = db.session.get(Place, shitou.id)
    assert edited.aliases == "石头圩\n石头镇人民政府"
    assert (edited.level, edited.parent_id) == (PlaceLevel.town, county)  # shown on the form, never taken from it
    assert edited.updated_at > stamp

    response = post(office, f"/admin/places/edit/?id={shitou.id}", {"name": "石头镇", "aliases": "石\n" + "长" * 21})
    text = response.get_data(as_text=True)
    assert "每个别名应为 2 至 20 个字" in text and "“石”" in text
    db.session.expire_all()
    assert db.session.get(Place, shitou.id).aliases == "石头圩\n石头镇人民政府"


def test_the_edit_form_shows_level_and_parent_without_offering_them(office):
    village = place("容县", "石头镇").children[0]
    html = office.get(f"/admin/places/edit/?id={village.id}").get_data(as_text=True)
    assert re.search(r'name="level" readonly[^>]*value="村（社区）"', html)
    assert re.search(r'name="parent" readonly[^>]*value="容县石头镇"', html)
    assert "移动一个乡镇会把它下辖的村（社区）一并迁走" in html


def test_only_a_place_with_nothing_under_it_is_deleted(office, added):
    town = place("容县", "石头镇")
    response = post(office, "/admin/places/delete/", {"id": str(town.id)})
    assert "不能删除容县石头镇：其下还有" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Place, town.id) is not None and len(db.session.get(Place, town.id).children) > 1

    db.session.add(Place(name="待删测试村", level=PlaceLevel.village, parent=town))
    db.session.commit()
    added.append((town, "待删测试村"))
    doomed = place("容县", "石头镇", "待删测试村")
    post(office, "/admin/places/delete/", {"id": str(doomed.id)})
    db.session.expire_all()
    assert db.session.get(Place, doomed.id) is None
    entry = db.session.scalars(sa.select(AuditLog).where(AuditLog.model == "Place", AuditLog.action == "delete",
                                                         AuditLog.record_id == str(doomed.id))).one()
    assert entry.username == "admin"


@pytest.mark.parametrize("role", [Role.unit, Role.hotline, Role.leader])
def test_other_roles_have_no_gazetteer(app, client, role):
    from .factories import unit

    create_user("other-role", role, PASSWORD, unit=unit("市住房和城乡建设局") if role == Role.unit else None)
    db.session.commit()
    login(client, "other-role")
    token = csrf_from(client.get("/admin/").get_data(as_text=True))
    village = place("容县", "石头镇").children[0]
    before = count()
    for url in ("/admin/places/", "/admin/places/new/", f"/admin/places/edit/?id={village.id}",
                f"/admin/places/details/?id={village.id}", "/admin/places/export/csv/",
                "/admin/places/ajax/lookup/?name=parent&query=容县"):
        assert client.get(url).status_code == 403, url
    assert client.post("/admin/places/new/", data={"csrf_token": token, "level": "village", "name": "越权村",
                                                   "parent": str(village.parent_id)}).status_code == 403
    assert client.post("/admin/places/delete/", data={"csrf_token": token, "id": village.id}).status_code == 403
    db.session.expire_all()
    assert count() == before and db.session.get(Place, village.id) is not None
    assert "地名库" not in client.get("/admin/").get_data(as_text=True)
