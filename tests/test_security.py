"""CSRF on every state change, login rate limits in a real Redis, keys, cookies, headers, exports."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from admin_site import create_app
from admin_site.models import ApiToken, Case, Member, User, db

from .conftest import PASSWORD, csrf_from, login
from .factories import sample_rows


def test_state_changes_without_csrf_token_are_refused(office):
    rows = sample_rows()
    case = rows["case"]
    member = db.session.execute(sa.select(Member).filter_by(name="王巍")).scalar_one()
    attempts = [
        ("/admin/cases/new/", {"title": "无令牌"}),
        (f"/admin/cases/edit/?id={case.id}", {"title": "无令牌"}),
        ("/admin/members/delete/", {"id": member.id}),
        ("/admin/members/action/", {"action": "delete", "rowid": member.id}),
        ("/admin/cases/ajax/update/", {"list_form_pk": case.id, "title": "无令牌"}),
        ("/logout", {}),
    ]
    for url, data in attempts:
        response = office.post(url, data=data)
        assert response.status_code == 400, url
        assert "页面已过期" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Case, case.id).title == "金港花园工地夜间施工噪音"
    assert db.session.get(Member, member.id) is not None
    assert office.get("/admin/").status_code == 200  # still logged in


def test_api_answers_tokens_and_sessions_and_refuses_others(app, office):
    assert office.get("/api/v1/cases").status_code == 200
    row, token = ApiToken.issue(db.session.execute(sa.select(User).filter_by(username="admin")).scalar_one())
    db.session.add(row)
    db.session.commit()
    anonymous = app.test_client()
    assert anonymous.get("/api/v1/cases").status_code == 401
    assert anonymous.get("/api/v1/cases", headers={"Authorization": "Bearer wrong"}).get_json() == \
        {"error": "API 令牌无效。"}
    answer = anonymous.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200 and answer.get_json()["total"] == 0


def _limited_app(app, redis_connection, url):
    app.config.update(REDIS_URL=url, LOGIN_FAILURES_PER_ACCOUNT=3, LOGIN_FAILURES_PER_ADDRESS=5)
    app.extensions["redis"] = None


def test_failed_logins_are_limited_per_account_and_per_address(app, redis_connection):
    from .test_jobs import redis_url_of

    _limited_app(app, redis_connection, redis_url_of(redis_connection))
    client = app.test_client()
    for _ in range(3):
        assert login(client, "admin", "wrong-password").status_code == 400
    blocked = login(client, "admin", PASSWORD)
    assert blocked.status_code == 429 and "登录失败次数过多" in blocked.get_data(as_text=True)
    assert redis_connection.ttl("hotline:login-failures:account:admin") > 0
    assert client.get("/admin/").status_code == 302
    # Another account from the same address still may try, until the address itself is blocked.
    from admin_site.auth import create_user
    from admin_site.models import Role

    create_user("rexian", Role.hotline, PASSWORD)
    db.session.commit()
    assert login(client, "rexian", "wrong-password").status_code == 400
    assert login(client, "rexian", PASSWORD).status_code == 302
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
    assert login(client, "rexian", "wrong-password").status_code == 400  # the fifth failure from this address
    assert login(client, "rexian", PASSWORD).status_code == 429
    redis_connection.flushdb()  # the window passing
    assert login(client, "admin", PASSWORD).status_code == 302


def test_a_session_signed_with_a_key_from_the_source_opens_nothing(app, database_url, monkeypatch, tmp_path):
    """A start without SECRET_KEY, as `make run`'s, signs with a key of its own, not one anyone can read."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    started = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
                          "REDIS_URL": "redis://127.0.0.1:1/0"})
    admin = db.session.execute(sa.select(User).filter_by(username="admin")).scalar_one()
    forger = Flask("forger")
    forger.secret_key = "dev-only-secret-key-change-me"  # the key an earlier version shipped
    client = started.test_client()
    client.set_cookie("session", forger.session_interface.get_signing_serializer(forger).dumps(
        {"_user_id": str(admin.id), "_fresh": True}))
    assert client.get("/admin/").status_code == 302


def test_cookies_and_headers(app, client):
    response = login(client)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = client.get("/admin/")
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    app.config["SESSION_COOKIE_SECURE"] = True
    secure = login(app.test_client())
    assert "Secure" in secure.headers["Set-Cookie"] and "Strict-Transport-Security" in secure.headers


def test_exports_open_in_excel_and_carry_no_formulas(office):
    sample_rows()
    db.session.execute(sa.update(Case).values(title="=cmd|' /C calc'!A0"))
    db.session.commit()
    response = office.get("/admin/cases/export/csv/")
    assert response.data.startswith("\ufeff".encode())
    assert "filename*=UTF-8''%E5%8D%8F%E8%B0%83%E4%BA%8B%E9%A1%B9_" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8-sig")
    assert "'=cmd" in text and ",=cmd" not in text and "\n=cmd" not in text
    for start in ("+", "-", "@"):
        db.session.execute(sa.update(Case).values(title=f"{start}1+1"))
        db.session.commit()
        assert f"'{start}1+1" in office.get("/admin/cases/export/csv/").data.decode("utf-8-sig")
