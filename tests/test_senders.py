"""Each channel against a real receiving server: what arrives, and how each kind of failure is
classed (try again later, give up, or hold because the message may have arrived)."""

from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from admin_site.jobs import deliver_notifications
from admin_site.models import (
    DeliveryFailure,
    DeliveryStatus,
    MessageChannel,
    Notification,
    db,
    now_local,
)
from admin_site.senders import AliyunSmsSender, aliyun_signature

from .factories import queued


def reloaded(message: Notification) -> Notification:
    db.session.expire_all()
    return db.session.get(Notification, message.id)


def test_an_email_arrives_in_chinese_as_plain_text_and_html(app, servers):
    smtp, _ = servers
    message = queued(MessageChannel.email, "huang@zjj.example", subject="【到期提醒】LD-2026-0001 金港花园噪音",
                     body="黄联络同志：\n协调事项将于2026年10月9日到期。<请按时办结>")
    assert deliver_notifications() == {"sent": 1}
    [email] = smtp.messages
    assert email["Subject"] == "【到期提醒】LD-2026-0001 金港花园噪音"
    assert email["To"] == "huang@zjj.example"
    assert email.get_body(("plain",)).get_content().splitlines() == ["黄联络同志：", "协调事项将于2026年10月9日到期。<请按时办结>"]
    html = email.get_body(("html",)).get_content()
    assert "<p>协调事项将于2026年10月9日到期。&lt;请按时办结&gt;</p>" in html
    message = reloaded(message)
    assert message.status == DeliveryStatus.sent and message.provider_ref == email["Message-ID"].strip().strip("<>")
    assert message.attempts == 1 and message.sent_at is not None


def test_an_sms_goes_to_the_gateway_as_a_template_code_with_values(app, servers):
    _, http = servers
    message = queued(MessageChannel.sms, "13800000001", template_code="SMS_HOTLINE_DEADLINE_1",
                     params={"case_number": "LD-2026-0001", "deadline": "2026年10月9日"})
    deliver_notifications()
    [(path, body)] = http.requests
    assert path == "/sms"
    assert body == {"id": f"notification-{message.id}", "phone": "13800000001", "template": "SMS_HOTLINE_DEADLINE_1",
                    "params": {"case_number": "LD-2026-0001", "deadline": "2026年10月9日"}, "text": message.body}
    assert reloaded(message).provider_ref == f"gw-notification-{message.id}"


def test_the_alibaba_cloud_signature_matches_its_documented_example():
    # The worked example of Alibaba Cloud's "API 签名机制": AccessKey secret "testsecret".
    params = {"TimeStamp": "2016-02-23T12:46:24Z", "Format": "XML", "AccessKeyId": "testid",
              "Action": "DescribeRegions", "SignatureMethod": "HMAC-SHA1",
              "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "Version": "2014-05-26",
              "SignatureVersion": "1.0"}
    assert aliyun_signature("GET", params, "testsecret") == "CT9X0VtwR86fNWSnsc6v8YGOjuE="


def test_an_sms_through_alibaba_cloud_is_a_signed_sendsms_call(app, servers, monkeypatch):
    _, http = servers
    monkeypatch.setitem(app.config, "SMS_BACKEND", "aliyun")
    message = queued(MessageChannel.sms, "13800000001", template_code="SMS_HOTLINE_DEADLINE_1",
                     params={"case_number": "LD-2026-0001", "deadline": "2026年10月9日"})
    signed = AliyunSmsSender(app.config).request(message, now=datetime(2026, 10, 8, 2, 0, tzinfo=timezone.utc))
    assert {key: signed[key] for key in ("Action", "Version", "PhoneNumbers", "SignName", "TemplateCode",
                                         "TemplateParam", "OutId", "Timestamp")} == {
        "Action": "SendSms", "Version": "2017-05-25", "PhoneNumbers": "13800000001", "SignName": "玉林12345",
        "TemplateCode": "SMS_HOTLINE_DEADLINE_1",
        "TemplateParam": '{"case_number":"LD-2026-0001","deadline":"2026年10月9日"}', "OutId": str(message.id),
        "Timestamp": "2026-10-08T02:00:00Z"}
    deliver_notifications()
    assert http.ids("/aliyun") == {message.id: 1}
    message = reloaded(message)
    assert (message.status, message.provider_ref) == (DeliveryStatus.sent, f"biz-{message.id}")

    # A wrong secret is refused by the provider: no retry can help.
    monkeypatch.setitem(app.config, "ALIYUN_ACCESS_KEY_SECRET", "wrong")
    refused = queued(MessageChannel.sms, "13800000002", template_code="SMS_HOTLINE_DEADLINE_1", params={})
    deliver_notifications()
    refused = reloaded(refused)
    assert (refused.status, refused.failure) == (DeliveryStatus.failed, DeliveryFailure.rejected)
    assert "SignatureDoesNotMatch" in refused.last_error


def test_a_robot_message_is_posted_to_the_wecom_webhook(app, servers):
    _, http = servers
    message = queued(MessageChannel.robot, "127.0.0.1", body="【会议通知】定于12月3日召开协调会议")
    deliver_notifications()
    assert http.requests == [("/robot?key=secret-key", {"msgtype": "text",
                                                        "text": {"content": "【会议通知】定于12月3日召开协调会议"}})]
    assert reloaded(message).status == DeliveryStatus.sent


def retry_time_comes(messages: list[Notification]) -> None:
    """The clock reaches the messages' retry time (their ``not_before`` is now)."""
    db.session.execute(sa.update(Notification).where(Notification.id.in_([m.id for m in messages]))
                       .values(not_before=now_local()))
    db.session.commit()


def test_servers_down_for_a_while_then_back_deliver_everything_once(app, servers, monkeypatch):
    smtp, http = servers
    monkeypatch.setitem(app.config, "NOTIFY_RETRY_DELAYS", "60")
    smtp.stop()
    http.stop()
    messages = [queued(MessageChannel.email, "huang@zjj.example", subject="提醒"),
                queued(MessageChannel.sms, "13800000001", template_code="SMS_X", params={}),
                queued(MessageChannel.robot, "127.0.0.1")]
    assert deliver_notifications() == {"pending": 3}
    for message in map(reloaded, messages):
        assert (message.status, message.failure, message.attempts) == (DeliveryStatus.pending,
                                                                       DeliveryFailure.unreachable, 1)
        assert message.not_before >= message.claimed_at + timedelta(seconds=60)  # tried again after the delay
    assert deliver_notifications() == {}  # not before its retry time
    smtp.start()
    http.start()
    retry_time_comes(messages)
    assert deliver_notifications() == {"sent": 3}
    assert deliver_notifications() == {}
    assert [message.status for message in map(reloaded, messages)] == [DeliveryStatus.sent] * 3
    assert len(smtp.messages) == 1 and http.ids("/sms") == {messages[1].id: 1}
    assert sorted(path for path, _ in http.requests) == ["/robot?key=secret-key", "/sms"]


def test_failures_are_retried_by_later_runs_until_the_delays_run_out_then_marked_failed(app, servers, monkeypatch):
    _, http = servers
    monkeypatch.setitem(app.config, "NOTIFY_RETRY_DELAYS", "60,60")
    tried = []
    http.answer = lambda path, body: tried.append(path) or (503, {"error": "busy"})
    message = queued(MessageChannel.sms, "13800000001", template_code="SMS_X", params={})
    runs = [deliver_notifications()]
    for _ in range(3):  # however long a run takes, it tries a message once: a busy gateway is not hammered
        runs.append(deliver_notifications())
        retry_time_comes([message])
    assert runs == [{"pending": 1}, {}, {"pending": 1}, {"failed": 1}]
    message = reloaded(message)
    assert (message.status, message.failure, message.attempts) == (DeliveryStatus.failed, DeliveryFailure.busy, 3)
    assert tried == ["/sms"] * 3


@pytest.mark.parametrize("answer, failure", [
    ((400, {"error": "invalid phone"}), DeliveryFailure.rejected),
    ((200, {"error": "template not approved"}), DeliveryFailure.rejected),
])
def test_a_refusal_fails_at_once(app, servers, answer, failure):
    _, http = servers
    http.answer = lambda path, body: answer
    message = queued(MessageChannel.sms, "13800000001", template_code="SMS_X", params={})
    assert deliver_notifications() == {"failed": 1}
    assert reloaded(message).failure == failure


def test_a_gateway_that_takes_the_message_but_never_answers_gets_it_once_and_the_message_is_held(app, servers):
    _, http = servers
    message = queued(MessageChannel.sms, "13800000001", template_code="SMS_X", params={})
    http.hangs.hang_on(message.id)  # longer than SEND_TIMEOUT (2 s)
    try:
        assert deliver_notifications() == {"held": 1}
    finally:
        http.hangs.release()
    message = reloaded(message)
    assert (message.status, message.failure) == (DeliveryStatus.held, DeliveryFailure.no_answer)
    assert "ReadTimeout" in message.last_error
    assert deliver_notifications() == {}  # never sent again on its own
    assert http.ids("/sms") == {message.id: 1}


def test_an_smtp_server_that_never_confirms_the_message_leaves_it_held(app, servers):
    smtp, _ = servers
    message = queued(MessageChannel.email, "huang@zjj.example", subject="提醒")
    smtp.hangs.hang_on(message.id)
    try:
        assert deliver_notifications() == {"held": 1}
    finally:
        smtp.hangs.release()
    assert reloaded(message).failure == DeliveryFailure.no_answer
    assert deliver_notifications() == {}
    assert smtp.ids() == {message.id: 1}


@pytest.mark.parametrize("setting, value", [("SMS_BACKEND", "aliyn"), ("MAIL_BACKEND", "sendmail"),
                                            ("SMS_QUIET_HOURS", "21点到8点")])
def test_a_misspelt_channel_setting_stops_the_app_at_start(tmp_path, setting, value):
    from admin_site import create_app

    with pytest.raises((RuntimeError, ValueError)):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db", setting: value})
