"""The JSON API refuses bad input in JSON and in Chinese, with the status INTERFACES.md promises;
what it accepts still works.  The generated fuzz pass over every route is in test_fuzz_api.py."""

from __future__ import annotations

import json
import logging
import re

import pytest
import sqlalchemy as sa

from admin_site import api
from admin_site.models import Contact, ProblemGroup, Role, db

from .conftest import csrf_from
from .test_intake import RECORD, token_for
from .world import build_world

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def world(app):
    return build_world()


@pytest.fixture
def headers(world):
    return {"Authorization": f"Bearer {token_for(Role.office)}"}


def refusal(response, status: int) -> str:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert CHINESE.search(error), error
    return error


def test_a_group_that_is_not_a_whole_number_is_refused(client, headers):
    for value in ("99999999999999999999", str(2**63), "-1", "0", "1.5", "abc", "1,2", "１", "²", " 1", "1_0", "1e3",
                  "9" * 5000):
        error = refusal(client.get("/api/v1/contacts", query_string={"group": value}, headers=headers), 400)
        assert "group" in error and str(2**63 - 1) in error, value


def test_a_group_beyond_any_id_finds_nothing_and_a_real_one_finds_its_contacts(client, headers, world):
    for value in (str(2**31), str(2**63 - 1)):
        answer = client.get("/api/v1/contacts", query_string={"group": value}, headers=headers)
        assert answer.status_code == 200 and answer.get_json()["items"] == []
    group = world.own[ProblemGroup]
    answer = client.get("/api/v1/contacts", query_string={"group": f"00{group.id}"}, headers=headers).get_json()
    assert [item["work_order"] for item in answer["items"]] == ["GD-A-0001"]
    assert client.get("/api/v1/contacts?group=", headers=headers).get_json()["total"] == 2


def test_pages_are_whole_numbers_in_range(client, headers):
    for name, value in (("page", "0"), ("page", "-1"), ("page", "1.5"), ("page", "１"), ("page", str(2**63)),
                        ("per_page", "0"), ("per_page", "501"), ("per_page", "abc"),
                        ("per_page", "99999999999999999999")):
        for path in ("/api/v1/contacts", "/api/v1/cases"):
            error = refusal(client.get(path, query_string={name: value}, headers=headers), 400)
            assert name in error, (path, value)


def test_pages_within_range_work(client, headers, world):
    assert client.get("/api/v1/cases?per_page=500", headers=headers).get_json()["per_page"] == 500
    assert client.get("/api/v1/cases?page=&per_page=", headers=headers).get_json()["page"] == 1
    past = client.get(f"/api/v1/contacts?page={2**63 - 1}&per_page=500", headers=headers).get_json()
    assert past["items"] == [] and past["total"] == 2


def test_an_unknown_code_is_refused_naming_the_parameter_and_its_codes(client, headers):
    for name, code in (("category", "multi_channel"), ("level", "yellow"), ("status", "archived")):
        error = refusal(client.get("/api/v1/cases", query_string={name: "市公安局"}, headers=headers), 400)
        assert name in error and code in error and "市公安局" not in error
        assert client.get("/api/v1/cases", query_string={name: ""}, headers=headers).get_json()["total"] == 2
    assert client.get("/api/v1/cases?status=proposed&level=normal", headers=headers).get_json()["total"] == 2
    assert client.get("/api/v1/cases?status=archived", headers=headers).get_json()["total"] == 0


def test_unknown_paths_and_methods_answer_json_and_the_panel_keeps_its_pages(client, headers):
    for path in ("/api", "/api/", "/api/v1/", "/api/v1/nothing", "/api/v2/contacts", "/api/v1/contacts/",
                 "/api/v1/%00"):
        assert "不存在" in refusal(client.get(path, headers=headers), 404)
        refusal(client.post(path), 404)
    answer = client.delete("/api/v1/contacts", headers=headers)
    refusal(answer, 405)
    assert set(answer.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}
    refusal(client.post("/api/v1/cases/LD-2026-0001", headers=headers), 405)
    for path in ("/nothing", "/apiary", "/admin/nothing"):
        answer = client.get(path)
        assert answer.status_code == 404 and answer.mimetype == "text/html"


def test_a_body_that_is_not_a_json_list_of_objects_is_400(client, headers):
    for body, content_type in ((b"{", "application/json"), (b"[" * 100_000 + b"]" * 100_000, "application/json"),
                               (b"[1]", "application/json"), (b'{"work_order": "A"}', "application/json"),
                               (b"\xff\xfe", "application/json"), (b"[{}]", "text/plain")):
        answer = client.post("/api/v1/contacts", data=body, content_type=content_type, headers=headers)
        assert "JSON" in refusal(answer, 400), body[:20]


def test_an_item_of_the_wrong_shape_is_422_naming_item_and_key(client, headers):
    for key, value in (("content", {"text": "噪音"}), ("content", ["噪音"]), ("work_order", True),
                       ("units", "市住房和城乡建设局"), ("units", [1]), ("returned_by", [None]), ("name", "\ud800"),
                       ("units", ["\udfff"])):
        # json.dumps escapes a lone surrogate as the platform's JSON would; UTF-8 cannot carry one.
        body = json.dumps([RECORD, {**RECORD, "work_order": "API-2", key: value}])
        answer = client.post("/api/v1/contacts", data=body, content_type="application/json", headers=headers)
        error = refusal(answer, 422)
        assert "第 2 项" in error and key in error, (key, value)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contact).where(
        Contact.work_order.in_(["API-1", "API-2"]))) == 0


def test_pushed_text_is_stored_as_the_screens_store_it(client, headers):
    record = {**RECORD, "work_order": 20260305001, "content": "夜间\x00施工\x0b噪音\r\n多次反映", "phone": 13700000007,
              "units": ["市住房和城乡建设局\x00"]}
    answer = client.post("/api/v1/contacts", json=[record], headers=headers)
    assert answer.status_code == 200, answer.get_json()
    contact = db.session.execute(sa.select(Contact).filter_by(work_order="20260305001")).scalar_one()
    assert contact.content == "夜间施工噪音\n多次反映"
    assert [unit.name for unit in contact.transfer_units] == ["市住房和城乡建设局"]


def test_a_session_write_without_csrf_says_which_token_is_missing(app, office):
    assert "X-CSRFToken" in refusal(office.post("/api/v1/contacts", json=[RECORD]), 400)
    token = csrf_from(office.get("/admin/").get_data(as_text=True))
    assert office.post("/api/v1/contacts", json=[RECORD], headers={"X-CSRFToken": token}).status_code == 200


def test_a_failure_of_ours_is_a_logged_500_in_json(app, client, headers, monkeypatch, caplog):
    """A bug is provoked by replacing a serializer: no real input is known to fail any more."""
    def broken(user, cases):
        raise RuntimeError("serializer broke")

    monkeypatch.setattr(api, "cases_json", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    # The migrations' logging.config.fileConfig disabled the loggers that existed when the session migrated.
    monkeypatch.setattr(app.logger, "disabled", False)
    with caplog.at_level(logging.ERROR):
        error = refusal(client.get("/api/v1/cases", headers=headers), 500)
    assert "已记入日志" in error
    assert any(record.exc_info and "serializer broke" in str(record.exc_info[1]) for record in caplog.records)
