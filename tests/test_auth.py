"""Logging in and out, when sessions end, passwords, the first office account, and the account commands."""

import pytest
import sqlalchemy as sa

from admin_site import create_app
from admin_site.auth import create_user, ensure_admin_account
from admin_site.models import ApiToken, AuditLog, Role, User, db

from .conftest import PASSWORD, csrf_from, login


def test_login_success_goes_to_the_workbench_and_records_the_time(client):
    response = login(client)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    assert "工作台" in client.get("/admin/").get_data(as_text=True)
    assert db.session.execute(db.select(User).filter_by(username="admin")).scalar_one().last_login_at is not None


def test_wrong_password_is_refused_in_chinese(client):
    response = login(client, password="wrong-password")
    assert response.status_code == 400
    assert "用户名或密码错误" in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


def test_disabled_account_cannot_log_in(client):
    user = db.session.execute(db.select(User).filter_by(username="admin")).scalar_one()
    user.active = False
    db.session.commit()
    assert login(client).status_code == 400


def test_login_without_csrf_token_is_refused(client):
    response = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_login_follows_only_local_next(client):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login?next=https://evil.example/", data={"username": "admin", "password": PASSWORD,
                                                                     "csrf_token": token})
    assert response.headers["Location"] == "/admin/"
    client.post("/logout", data={"csrf_token": csrf_from(client.get("/admin/").get_data(as_text=True))})
    token = csrf_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login?next=/admin/cases/", data={"username": "admin", "password": PASSWORD,
                                                              "csrf_token": token})
    assert response.headers["Location"] == "/admin/cases/"


def test_logout_needs_post_with_csrf(office):
    assert office.get("/logout").status_code == 405
    assert office.post("/logout").status_code == 400
    token = csrf_from(office.get("/admin/").get_data(as_text=True))
    assert office.post("/logout", data={"csrf_token": token}).status_code == 302
    assert office.get("/admin/").status_code == 302


def test_passwords_are_stored_as_argon2_hashes(app):
    user = db.session.execute(db.select(User).filter_by(username="admin")).scalar_one()
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD) and not user.check_password(PASSWORD + "x")


def test_first_admin_account_uses_the_configured_or_a_generated_password(app):
    db.session.execute(db.delete(User))
    db.session.commit()
    generated = ensure_admin_account("")
    admin = db.session.execute(db.select(User).filter_by(username="admin")).scalar_one()
    assert generated and admin.role == Role.office and admin.check_password(generated)
    assert admin.must_change_password  # it was printed where others may read it
    assert ensure_admin_account("") is None  # only once
    db.session.execute(db.delete(User))
    db.session.commit()
    assert ensure_admin_account("from-the-environment") is None
    admin = db.session.execute(db.select(User).filter_by(username="admin")).scalar_one()
    assert admin.check_password("from-the-environment") and not admin.must_change_password


def test_ensure_admin_command_prints_the_generated_password_once(app):
    db.session.execute(db.delete(User))
    db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["ensure-admin"])
    password = first.output.strip().rsplit("：", 1)[1]
    assert db.session.execute(db.select(User).filter_by(username="admin")).scalar_one().check_password(password)
    assert runner.invoke(args=["ensure-admin"]).output == ""


def test_create_user_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "zhujian", "--role", "unit", "--unit", "市住房和城乡建设局",
                                 "--password", "long-enough-1"])
    assert result.exit_code == 0 and "账号 zhujian 已创建" in result.output
    user = db.session.execute(db.select(User).filter_by(username="zhujian")).scalar_one()
    assert user.role == Role.unit and user.unit.name == "市住房和城乡建设局"
    refused = [
        (["create-user", "zhujian", "--role", "office", "--password", "long-enough-1"], "已被使用"),
        (["create-user", "lianluo", "--role", "unit", "--password", "long-enough-1"], "必须绑定所属单位"),
        (["create-user", "lianluo", "--role", "unit", "--unit", "不存在局", "--password", "long-enough-1"], "没有名为"),
        (["create-user", "lianluo", "--role", "hotline", "--password", "short-pw9"], "不得少于 10 位"),
        (["create-user", "lianluo", "--role", "hotline", "--password", "lianluo-2024"], "不得包含用户名"),
        (["create-user", "lianluo", "--role", "hotline", "--password", "1234567890"], "常用密码"),
    ]
    for args, message in refused:
        result = runner.invoke(args=args)
        assert result.exit_code != 0 and message in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 2


def test_create_token_prints_the_token_alone_on_the_last_line(app):
    result = app.test_cli_runner().invoke(args=["create-token", "admin"])
    assert result.exit_code == 0
    token = result.output.strip().splitlines()[-1]
    assert len(token) >= 40 and " " not in token
    row = db.session.execute(db.select(ApiToken)).scalar_one()
    assert row.token_hash == ApiToken.digest(token) and row.user.username == "admin"
    assert app.test_cli_runner().invoke(args=["create-token", "nobody"]).exit_code != 0


def test_error_pages_are_chinese(client):
    from .test_views import english_words

    refused = client.post("/login", data={"username": "admin", "password": PASSWORD})
    missing = client.get("/no-such-page")
    for response, status, text in ((refused, 400, "页面已过期"), (missing, 404, "不存在")):
        html = response.get_data(as_text=True)
        assert response.status_code == status and text in html and english_words(html) == set()


# When a session ends ------------------------------------------------------------------------------

NEW_PASSWORD = "Lantern-river-73"


def _account(username: str = "rexian") -> User:
    return db.session.execute(db.select(User).filter_by(username=username)).scalar_one()


@pytest.fixture
def rexian(app):
    """A hotline account, logged in; ``copy()`` gives another browser holding a copy of its cookie."""
    create_user("rexian", Role.hotline, PASSWORD)
    db.session.commit()
    client = app.test_client()
    assert login(client, "rexian").status_code == 302

    def copy():
        other = app.test_client()
        other.set_cookie("session", client.get_cookie("session").value)
        assert other.get("/admin/").status_code == 200
        return other

    client.copy = copy
    return client


def _post_form(client, url: str, data: dict, page: str | None = None):
    token = csrf_from(client.get(page or url).get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token})


def _logged_out(client) -> bool:
    response = client.get("/admin/")
    return response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_session_ends_at_logout_and_so_does_a_copy_of_its_cookie(rexian):
    copied = rexian.copy()
    assert _post_form(rexian, "/logout", {}, page="/admin/").status_code == 302
    assert _logged_out(rexian) and _logged_out(copied)


def test_sessions_end_when_the_office_sets_a_new_password(office, rexian):
    copied = rexian.copy()
    user = _account()
    response = _post_form(office, f"/admin/users/edit/?id={user.id}",
                          {"username": "rexian", "role": "hotline", "active": "y", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert _logged_out(rexian) and _logged_out(copied)
    assert office.get("/admin/").status_code == 200  # the office's own session goes on
    db.session.expire_all()
    assert _account().check_password(NEW_PASSWORD) and _account().must_change_password


def test_the_office_changing_its_own_password_on_the_users_screen_stays_logged_in(office):
    admin = _account("admin")
    response = _post_form(office, f"/admin/users/edit/?id={admin.id}",
                          {"username": "admin", "role": "office", "active": "y", "password": NEW_PASSWORD})
    assert response.status_code == 302 and office.get("/admin/").status_code == 200
    db.session.expire_all()
    assert _account("admin").check_password(NEW_PASSWORD) and not _account("admin").must_change_password


def test_other_sessions_end_when_a_user_changes_the_own_password(rexian):
    copied = rexian.copy()
    response = _post_form(rexian, "/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                                "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and rexian.get("/admin/").status_code == 200
    assert _logged_out(copied)
    db.session.expire_all()
    assert _account().check_password(NEW_PASSWORD)


def test_sessions_and_api_tokens_end_when_the_account_is_disabled(app, office, rexian):
    copied = rexian.copy()
    row, token = ApiToken.issue(_account())
    db.session.add(row)
    db.session.commit()
    bearer = {"Authorization": f"Bearer {token}"}
    assert app.test_client().get("/api/v1/cases", headers=bearer).status_code == 200
    response = _post_form(office, f"/admin/users/edit/?id={_account().id}", {"username": "rexian", "role": "hotline"})
    assert response.status_code == 302
    assert _logged_out(rexian) and _logged_out(copied)
    assert app.test_client().get("/api/v1/cases", headers=bearer).status_code == 401
    assert login(app.test_client(), "rexian").status_code == 400
    # The sessions ended, rather than being refused while the account is disabled: enabling it again
    # brings none of them back.
    response = _post_form(office, f"/admin/users/edit/?id={_account().id}",
                          {"username": "rexian", "role": "hotline", "active": "y"})
    assert response.status_code == 302
    assert _logged_out(rexian) and _logged_out(copied) and copied.get("/api/v1/cases").status_code == 401
    assert login(app.test_client(), "rexian").status_code == 302


def test_every_session_ends_when_the_secret_is_rotated(app, rexian):
    copied = rexian.copy()
    result = app.test_cli_runner().invoke(args=["rotate-secret"])
    assert result.exit_code == 0 and "SECRET_KEY" in result.output  # this app's key is given, not kept
    assert _logged_out(rexian) and _logged_out(copied)
    assert login(app.test_client(), "rexian").status_code == 302


def test_rotating_a_kept_key_puts_a_new_one_in_its_place(app, database_url, monkeypatch, tmp_path):
    """Without SECRET_KEY the key is the instance's own: rotating it ends the sessions now, and the
    processes that start afterwards sign with the new key.  The phone-hash key stays."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    settings = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": "redis://127.0.0.1:1/0"}
    running = create_app(settings)
    old_key, phone_key = running.config["SECRET_KEY"], running.config["PHONE_HASH_KEY"]
    browser = running.test_client()
    assert login(browser).status_code == 302
    cookie = browser.get_cookie("session").value
    with running.app_context():  # the command runs in the app of the context it finds
        result = running.test_cli_runner().invoke(args=["rotate-secret"])
    assert result.exit_code == 0 and str(tmp_path / "secret_key") in result.output
    assert _logged_out(browser)
    restarted = create_app(settings)
    assert restarted.config["SECRET_KEY"] not in (old_key, "") and restarted.config["PHONE_HASH_KEY"] == phone_key
    assert (tmp_path / "secret_key").read_text().strip() == restarted.config["SECRET_KEY"]
    stale = restarted.test_client()
    stale.set_cookie("session", cookie)
    assert _logged_out(stale)
    assert login(restarted.test_client()).status_code == 302


def test_a_session_without_the_accounts_current_token_opens_nothing(app, rexian):
    """Even one signed with the app's own key: an id alone, or an old token, is not enough."""
    user = _account()
    serializer = app.session_interface.get_signing_serializer(app)
    for session_id in (str(user.id), f"{user.id}:", f"{user.id}:not-the-token", f"{user.id + 1}:{user.session_token}"):
        forged = app.test_client()
        forged.set_cookie("session", serializer.dumps({"_user_id": session_id, "_fresh": True}))
        assert _logged_out(forged), session_id


def test_session_tokens_never_reach_the_audit_trail(rexian):
    since = db.session.scalar(sa.select(sa.func.max(AuditLog.id)))
    token = _account().session_token
    _post_form(rexian, "/logout", {}, page="/admin/")
    db.session.rollback()
    changes = [row.changes for row in db.session.scalars(sa.select(AuditLog).where(AuditLog.id > since))]
    assert {"session_token": ["***", "***"]} in changes
    assert token not in str(changes) and _account().session_token not in str(changes)


# Passwords ----------------------------------------------------------------------------------------

# Refused: too short, one character repeated, runs, keyboard rows, common ones, the username inside.
WEAK = [("short-9x!", "不得少于 10 位"), ("aaaaaaaaaaaa", "重复"), ("1234567890", "常用密码"),
        ("abcdefghij", "连续"), ("qwertyuiop", "常用密码"), ("asdfghjkl;", "键盘"), ("1qaz2wsx3edc", "常用密码"),
        ("password123", "常用密码"), ("zhujian2024!", "不得包含用户名"), ("Zhujian-Q7$x", "不得包含用户名"),
        ("19900519xy", "日期")]


@pytest.mark.parametrize("password, told", WEAK)
def test_the_users_screen_refuses_a_weak_password_and_keeps_what_was_typed(office, password, told):
    response = _post_form(office, "/admin/users/new/", {"username": "zhujian", "display_name": "住建联络员",
                                                        "role": "leader", "active": "y", "password": password})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and told in html
    assert 'value="zhujian"' in html and 'value="住建联络员"' in html
    assert db.session.execute(db.select(User).filter_by(username="zhujian")).scalar_one_or_none() is None


@pytest.mark.parametrize("password, told", WEAK)
def test_create_user_refuses_a_weak_password(app, password, told):
    result = app.test_cli_runner().invoke(args=["create-user", "zhujian", "--role", "leader", "--password", password])
    assert result.exit_code != 0 and told in result.output
    assert db.session.execute(db.select(User).filter_by(username="zhujian")).scalar_one_or_none() is None


def test_a_weak_password_is_refused_when_the_office_changes_one(office):
    admin = _account("admin")
    for password, told in (("admin-2024!x", "不得包含用户名"), ("aaaaaaaaaaaa", "重复"), ("1234567890", "常用密码")):
        response = _post_form(office, f"/admin/users/edit/?id={admin.id}",
                              {"username": "admin", "role": "office", "active": "y", "password": password})
        assert response.status_code == 200 and told in response.get_data(as_text=True)
    db.session.expire_all()
    assert _account("admin").check_password(PASSWORD)


@pytest.mark.parametrize("password", ["short-9x!", "1234567890", "admin-2024!x"])
def test_ensure_admin_refuses_a_weak_configured_password(app, password):
    db.session.execute(db.delete(User))
    db.session.commit()
    app.config["HOTLINE_ADMIN_PASSWORD"] = password
    result = app.test_cli_runner().invoke(args=["ensure-admin"])
    assert result.exit_code != 0 and "HOTLINE_ADMIN_PASSWORD" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_the_own_password_page_refuses_a_weak_or_mistyped_one(rexian):
    page = rexian.get("/password")
    assert page.status_code == 200 and "修改密码" in page.get_data(as_text=True)
    attempts = [({"current_password": PASSWORD, "new_password": "rexian-2024x", "confirm": "rexian-2024x"},
                 "不得包含用户名"),
                ({"current_password": PASSWORD, "new_password": "1234567890", "confirm": "1234567890"}, "常用密码"),
                ({"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"},
                 "两次输入的新密码不一致"),
                ({"current_password": "wrong-password", "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
                 "当前密码不正确"),
                ({"current_password": PASSWORD, "new_password": PASSWORD, "confirm": PASSWORD}, "不能与当前密码相同")]
    for data, told in attempts:
        response = _post_form(rexian, "/password", data)
        assert response.status_code == 400 and told in response.get_data(as_text=True), told
    db.session.expire_all()
    assert _account().check_password(PASSWORD)


def test_the_office_can_make_a_user_choose_a_new_password_at_the_next_login(app, office):
    response = _post_form(office, "/admin/users/new/", {"username": "rexian", "role": "hotline", "active": "y",
                                                        "password": NEW_PASSWORD})
    assert response.status_code == 302 and _account().must_change_password  # a password the office set
    client = app.test_client()
    assert login(client, "rexian", NEW_PASSWORD).status_code == 302
    for path in ("/admin/", "/admin/cases/", "/"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"] == "/password", path
    answer = client.get("/api/v1/cases")  # the API answers in JSON, not with a page to go to
    assert answer.status_code == 403 and "修改密码" in answer.get_json()["error"]
    assert client.get("/static/css/hotline.css").status_code == 200
    page = client.get("/password").get_data(as_text=True)
    assert "请先设置您自己的新密码" in page and "返回工作台" not in page
    response = _post_form(client, "/password", {"current_password": NEW_PASSWORD, "new_password": PASSWORD + "!",
                                                "confirm": PASSWORD + "!"})
    assert response.status_code == 302 and client.get("/admin/").status_code == 200
    db.session.expire_all()
    assert not _account().must_change_password
    # The box on the users screen asks for it without a new password; logging out is always possible.
    response = _post_form(office, f"/admin/users/edit/?id={_account().id}",
                          {"username": "rexian", "role": "hotline", "active": "y", "must_change_password": "y"})
    assert response.status_code == 302
    client = app.test_client()
    assert login(client, "rexian", PASSWORD + "!").status_code == 302
    assert client.get("/admin/").headers["Location"] == "/password"
    assert _post_form(client, "/logout", {}, page="/password").status_code == 302
    assert _logged_out(client)


def test_the_user_menu_leads_to_the_own_password_page(office):
    assert 'href="/password"' in office.get("/admin/").get_data(as_text=True)


def test_a_name_no_account_has_costs_a_password_check_like_any_other(app, client, monkeypatch):
    """How long a refusal takes must not tell which usernames exist: the password is hashed either way."""
    from admin_site import models

    checked, hasher = [], models._password_hasher

    class Counting:
        def __getattr__(self, name):
            return getattr(hasher, name)

        def verify(self, *args):
            checked.append(1)
            return hasher.verify(*args)

    monkeypatch.setattr(models, "_password_hasher", Counting())
    for username in ("admin", "nobody-here"):
        checked.clear()
        assert login(client, username, "wrong-password-0123").status_code == 400
        assert checked == [1], username
