"""A fuzz pass over the JSON API, generated from the app itself: every route under /api/ (so one
added later is covered without editing this file) × every query parameter its view reads (recorded
while it runs) × hostile values × every role.  No answer may be a 5xx or anything but JSON, and
every refusal must say why, in Chinese, under "error"."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from werkzeug.datastructures import ImmutableMultiDict

from admin_site.models import Case, db

from .test_intake import RECORD
from .world import build_world

ROLES = ("office", "hotline", "unit", "leader", "anonymous")
HOSTILE = ("", "-1", "0", "1", "1.5", "abc", "99999999999999999999", str(2**63 - 1), str(2**63), "1,2", "%00",
           "\x00", "'; drop table contacts; --", "市公安局", "１２", "²", " 1", "1_0", "1e3", "x" * 3000, "9" * 3000,
           "😀\u202e\ufeff\u200b", "<b>&amp;</b>")
# Values for each key of a pushed contact: every JSON type, and text the databases refuse.
FIELD_VALUES = (None, "", 0, -1, 1.5, 10**30, float("nan"), True, [], {}, ["市公安局"], [1, None], {"a": 1}, "\x00",
                "\ud800", "\x0b控制字符", "x" * 30000, "'; drop table contacts; --", "市公安局", "9999-99-99 99:99")
BODIES = (b"", b"{", b"null", b"true", b"1", b'"text"', b"{}", b"[]", b"[1]", b"[null]", b"[[]]", b'[""]', b"[{}]",
          b"\xff\xfe\x00", b"[" * 100_000 + b"]" * 100_000, json.dumps([RECORD, RECORD]).encode(),
          json.dumps([{**RECORD, "work_order": f"FZ-{n}"} for n in range(300)]).encode())
UNROUTED = ("/api", "/api/", "/api/v1", "/api/v1/", "/api/v1/nothing", "/api/v2/contacts", "/api/v1/contacts/",
            "/api/v1/%00", "/api/v1/" + "x" * 3000)
OTHER_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def api(app, monkeypatch):
    """The API's rules, a token per role, and the names of the query parameters views asked for."""
    world = build_world()
    headers = {"anonymous": {}}
    for role in ROLES[:-1]:
        result = app.test_cli_runner().invoke(args=["create-token", world.accounts[role].username])
        assert result.exit_code == 0, result.output
        headers[role] = {"Authorization": f"Bearer {result.output.splitlines()[-1]}"}
    read: set[str] = set()

    class RecordingArgs(ImmutableMultiDict):
        def get(self, key, *args, **kwargs):
            read.add(key)
            return super().get(key, *args, **kwargs)

        def __getitem__(self, key):
            read.add(key)
            return super().__getitem__(key)

        def __contains__(self, key):
            read.add(key)
            return super().__contains__(key)

        def getlist(self, key, *args, **kwargs):
            read.add(key)
            return super().getlist(key, *args, **kwargs)

    class RecordingRequest(app.request_class):
        parameter_storage_class = RecordingArgs

    monkeypatch.setattr(app, "request_class", RecordingRequest)
    rules = [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")]
    assert rules
    samples = {"number": world.own[Case].number}
    return {"client": app.test_client(), "headers": headers, "read": read, "rules": rules, "samples": samples}


def path_of(rule, samples: dict, **values) -> str:
    def argument(match):
        name = match.group(1)
        return quote(str(values.get(name, samples.get(name, "1"))), safe="")

    return re.sub(r"<(?:[^>:]+:)?([^>]+)>", argument, rule.rule)


def methods_of(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


class Verdicts:
    """Sends requests and keeps every answer that breaks the promise, so one run lists them all."""

    def __init__(self, client):
        self.client, self.failures, self.sent = client, [], 0

    def send(self, method: str, url: str, **kwargs) -> None:
        self.sent += 1
        label = f"{method} {url[:100]!r} {kwargs.get('query_string', '')!r:.100} {kwargs.get('data', '')!r:.80}"
        try:
            response = self.client.open(url, method=method, **kwargs)
        except Exception as exc:  # noqa: BLE001 - with TESTING the app re-raises what would have been a 500
            db.session.rollback()
            self.failures.append(f"{label}: raised {exc!r}"[:400])
            return
        problem = self.problem(response)
        if problem:
            self.failures.append(f"{label} -> {response.status_code}: {problem}"[:400])

    @staticmethod
    def problem(response) -> str | None:
        if response.status_code >= 500:
            return "server error"
        if response.mimetype != "application/json":
            return f"answered {response.mimetype}"
        body = json.loads(response.get_data(as_text=True))
        if response.status_code >= 400:
            error = body.get("error") if isinstance(body, dict) else None
            if not isinstance(error, str) or not CHINESE.search(error):
                return f"no Chinese error: {body!r}"[:200]
        return None

    def assert_clean(self) -> None:
        assert not self.failures, f"{len(self.failures)} of {self.sent} answers broke the promise:\n" + \
            "\n".join(self.failures[:40])


def test_every_query_parameter_of_every_route(api):
    verdicts = Verdicts(api["client"])
    read = api["read"]
    names = {}
    for rule in api["rules"]:
        for method in methods_of(rule):
            read.clear()
            api["client"].open(path_of(rule, api["samples"]), method=method, headers=api["headers"]["office"])
            names[rule.rule, method] = sorted(read)
    assert any(names.values()), "no view read a query parameter: is the recorder still wired in?"
    read.clear()
    for role in ROLES:
        headers = api["headers"][role]
        for rule in api["rules"]:
            url = path_of(rule, api["samples"])
            for method in methods_of(rule):
                params = names[rule.rule, method]
                for value in HOSTILE:
                    for name in params:
                        verdicts.send(method, url, headers=headers, query_string={name: value})
                    verdicts.send(method, url, headers=headers, query_string={name: value for name in params})
    unexplored = read - {name for params in names.values() for name in params}
    assert not unexplored, f"views read parameters only under some condition; fuzz them too: {unexplored}"
    verdicts.assert_clean()


def test_every_path_argument_method_and_unknown_path(api):
    verdicts = Verdicts(api["client"])
    for role in ROLES:
        headers = api["headers"][role]
        for rule in api["rules"]:
            for method in OTHER_METHODS:
                verdicts.send(method, path_of(rule, api["samples"]), headers=headers)
            for name in rule.arguments:
                for value in HOSTILE:
                    for method in methods_of(rule):
                        verdicts.send(method, path_of(rule, api["samples"], **{name: value}), headers=headers)
        for url in UNROUTED:
            for method in OTHER_METHODS:
                verdicts.send(method, url, headers=headers)
    verdicts.assert_clean()


def test_every_body_of_every_writing_route(api):
    verdicts = Verdicts(api["client"])
    writing = [(rule, method) for rule in api["rules"] for method in methods_of(rule) if method != "GET"]
    assert writing
    records = [[{key: value for key, value in RECORD.items() if key != dropped}] for dropped in RECORD]
    records += [[{**RECORD, "work_order": f"FZ-{key}-{n}", key: value}] for key in RECORD
                for n, value in enumerate(FIELD_VALUES)]
    records += [[{**RECORD, "unknown key": 1}], [RECORD, "not an object"]]
    for role in ROLES:
        headers = api["headers"][role]
        for rule, method in writing:
            url = path_of(rule, api["samples"])
            for body in BODIES:
                verdicts.send(method, url, headers=headers, data=body, content_type="application/json")
            verdicts.send(method, url, headers=headers, data=json.dumps([RECORD]), content_type="text/plain")
            answer = api["client"].open(url, method=method, headers=headers, json=[RECORD])
            if answer.status_code not in (401, 403):  # the contents matter only past the role check
                for record in records:
                    verdicts.send(method, url, headers=headers, data=json.dumps(record),
                                  content_type="application/json")
    verdicts.assert_clean()
