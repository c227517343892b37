"""Logging in and out, the first office account, and the account commands."""

from admin_site.auth import ensure_admin_account
from admin_site.models import ApiToken, Role, User, db

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
    assert ensure_admin_account("") is None  # only once
    db.session.execute(db.delete(User))
    db.session.commit()
    assert ensure_admin_account("from-the-environment") is None
    assert db.session.execute(db.select(User).filter_by(username="admin")).scalar_one().check_password(
        "from-the-environment")


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
        (["create-user", "lianluo", "--role", "hotline", "--password", "short"], "至少需要 8 个字符"),
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
