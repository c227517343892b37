"""The channels a message leaves by: email over SMTP, SMS through a provider, the group robot.

Each sender takes one outbox row and returns the provider's reference, or says how it failed:
``NotSent`` when the provider certainly did not take the message (safe to try again later),
``Uncertain`` when it may have (a timeout or a dropped connection after the message left us).
An uncertain message is never sent again without a person deciding (notify.py holds it).

SMS backends: ``log`` (written to the log and the outbox screen only), ``http`` (a JSON POST to a
gateway), ``aliyun`` (Alibaba Cloud SMS, its documented SendSms request with the RPC signature).
Email: ``log`` or ``smtp``.  Robot: ``log`` or ``wecom`` (a WeCom group robot webhook).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import logging
import smtplib
import ssl
import uuid
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid, parseaddr
from urllib.parse import quote

import httpx

from .models import DeliveryFailure, MessageChannel, Notification

log = logging.getLogger(__name__)


class NotSent(Exception):
    """The provider did not take the message; unless it refused it, trying again later may work."""

    def __init__(self, failure: DeliveryFailure, detail: str):
        super().__init__(detail)
        self.failure = failure

    @property
    def permanent(self) -> bool:
        return self.failure == DeliveryFailure.rejected


class Uncertain(Exception):
    """The message may have reached the provider; sending it again could deliver it twice."""

    failure = DeliveryFailure.no_answer


class LogSender:
    """Writes the message to the log; the outbox screen shows it as sent."""

    def __init__(self, channel: MessageChannel):
        self.channel = channel

    def send(self, message: Notification) -> str:
        log.info("%s to %s <%s>: %s %s", self.channel.value, message.recipient_name, message.address,
                 message.subject or "", message.body)
        return f"log-{message.id}"

    def close(self) -> None:
        pass


class SmtpSender:
    """Email over SMTP, Chinese subject and body, plain text and HTML; one connection per batch."""

    def __init__(self, config):
        self.host, self.port = config["SMTP_HOST"], config["SMTP_PORT"]
        self.security = config["SMTP_SECURITY"]
        self.user, self.password = config["SMTP_USER"], config["SMTP_PASSWORD"]
        self.sender, self.timeout = config["MAIL_FROM"], config["SEND_TIMEOUT"]
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        if self.connection is None:
            if self.security == "ssl":
                connection = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                              context=ssl.create_default_context())
            else:
                connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
                if self.security == "starttls":
                    connection.starttls(context=ssl.create_default_context())
            connection.ehlo_or_helo_if_needed()
            if self.user:
                connection.login(self.user, self.password)
            self.connection = connection
        return self.connection

    def compose(self, message: Notification) -> EmailMessage:
        email = EmailMessage()
        email["Subject"] = message.subject or ""
        email["From"] = self.sender
        email["To"] = message.address
        email["Message-ID"] = make_msgid(idstring=f"notification-{message.id}")
        email.set_content(message.body)
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in message.body.splitlines() if line.strip())
        email.add_alternative(
            f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head>'
            f'<body style="font-family: \'Microsoft YaHei\', \'PingFang SC\', sans-serif">{paragraphs}</body></html>',
            subtype="html")
        return email

    def _announce(self, address: str) -> smtplib.SMTP:
        """Open (or reuse) the connection and name sender and recipient: nothing is handed over yet."""
        reused = self.connection is not None
        try:
            connection = self._connect()
            code, reply = connection.mail(parseaddr(self.sender)[1])
        except smtplib.SMTPServerDisconnected:
            self.close()
            if not reused:
                raise
            connection = self._connect()  # the server had dropped the idle connection
            code, reply = connection.mail(parseaddr(self.sender)[1])
        if code != 250:
            raise NotSent(_refusal(code), f"SMTP MAIL {code}: {reply!r}")
        code, reply = connection.rcpt(address)
        if code not in (250, 251):
            raise NotSent(_refusal(code), f"SMTP RCPT {code}: {reply!r}")
        return connection

    def send(self, message: Notification) -> str:
        """Until the message text is handed over (DATA) a failure means not sent; after it, uncertain."""
        email = self.compose(message)
        try:
            connection = self._announce(message.address)
        except NotSent:
            self.close()
            raise
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise NotSent(DeliveryFailure.unreachable, f"SMTP: {exc!r}") from exc
        try:
            connection.data(email.as_bytes(policy=policy.SMTP))
        except smtplib.SMTPDataError as exc:
            self.close()  # the server answered "no": it did not take the message
            raise NotSent(_refusal(exc.smtp_code), f"SMTP DATA {exc.smtp_code}: {exc.smtp_error!r}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise Uncertain(f"no answer from the SMTP server after the message was sent: {exc!r}") from exc
        return email["Message-ID"].strip("<>")

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                pass
            self.connection = None


def _refusal(code: int) -> DeliveryFailure:
    """An SMTP error reply: 4xx means try again later, 5xx means never."""
    return DeliveryFailure.rejected if code >= 500 else DeliveryFailure.busy


class HttpSender:
    """Base of the senders that POST to a web service; one keep-alive client per batch."""

    def __init__(self, config):
        self.client = httpx.Client(timeout=config["SEND_TIMEOUT"])

    def post(self, url: str, **kwargs) -> httpx.Response:
        try:
            response = self.client.post(url, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol,
                httpx.LocalProtocolError) as exc:
            raise NotSent(DeliveryFailure.unreachable, f"cannot reach {url}: {exc!r}") from exc
        except httpx.HTTPError as exc:
            # The request left us; whether the gateway acted on it is unknown.
            raise Uncertain(f"no answer from {url}: {exc!r}") from exc
        status = response.status_code
        if status < 300:
            return response
        if status < 500 or status == 503:
            # Refused: busy (429, 503) is worth another try later, anything else needs a person.
            failure = DeliveryFailure.busy if status in (429, 503) else DeliveryFailure.rejected
            raise NotSent(failure, f"HTTP {status}: {_said(response)}")
        raise Uncertain(f"HTTP {status}: {_said(response)}")

    def close(self) -> None:
        self.client.close()


class HttpSmsSender(HttpSender):
    """A generic SMS gateway: JSON ``{phone, template, params, text, id}``, answer ``{id}`` or ``{error}``."""

    def __init__(self, config):
        super().__init__(config)
        self.url, self.token = config["SMS_HTTP_URL"], config["SMS_HTTP_TOKEN"]

    def send(self, message: Notification) -> str:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = self.post(self.url, headers=headers, json={
            "id": f"notification-{message.id}", "phone": message.address, "template": message.template_code,
            "params": message.params or {}, "text": message.body})
        answer = _json(response)
        if answer.get("error"):
            raise NotSent(DeliveryFailure.rejected, f"gateway refused: {answer['error']}")
        return str(answer.get("id") or response.headers.get("X-Request-Id") or "accepted")


def percent_encode(value: str) -> str:
    """Alibaba Cloud's encoding for signing: RFC 3986, UTF-8, only A-Z a-z 0-9 - _ . ~ left bare."""
    return quote(value, safe="~")


def aliyun_signature(method: str, params: dict[str, str], secret: str) -> str:
    """The RPC signature (SignatureVersion 1.0, HMAC-SHA1) of Alibaba Cloud's API."""
    canonical = "&".join(f"{percent_encode(key)}={percent_encode(value)}" for key, value in sorted(params.items()))
    string_to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


# Alibaba Cloud answers that say "not now" rather than "never".
ALIYUN_RETRY_CODES = {"isv.BUSINESS_LIMIT_CONTROL", "Throttling.User", "isp.SYSTEM_ERROR", "ServiceUnavailable",
                      "InternalError", "isv.OUT_OF_SERVICE", "isv.AMOUNT_NOT_ENOUGH"}


class AliyunSmsSender(HttpSender):
    """Alibaba Cloud SMS ``SendSms`` (API version 2017-05-25): template code and JSON parameters."""

    def __init__(self, config):
        super().__init__(config)
        self.endpoint = config["ALIYUN_SMS_ENDPOINT"]
        self.key_id, self.secret = config["ALIYUN_ACCESS_KEY_ID"], config["ALIYUN_ACCESS_KEY_SECRET"]
        self.sign_name, self.region = config["ALIYUN_SMS_SIGN_NAME"], config["ALIYUN_REGION"]

    def request(self, message: Notification, now: datetime | None = None) -> dict[str, str]:
        """The signed form of one SendSms call; ``OutId`` carries our id for the provider's receipts."""
        params = {
            "AccessKeyId": self.key_id, "Action": "SendSms", "Format": "JSON", "RegionId": self.region,
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": uuid.uuid4().hex, "SignatureVersion": "1.0",
            "Timestamp": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25", "PhoneNumbers": message.address, "SignName": self.sign_name,
            "TemplateCode": message.template_code or "",
            "TemplateParam": json.dumps(message.params or {}, ensure_ascii=False, separators=(",", ":")),
            "OutId": str(message.id),
        }
        params["Signature"] = aliyun_signature("POST", params, self.secret)
        return params

    def send(self, message: Notification) -> str:
        response = self.post(self.endpoint, data=self.request(message))
        answer = _json(response)
        code = answer.get("Code")
        if code == "OK":
            return str(answer.get("BizId") or answer.get("RequestId"))
        failure = DeliveryFailure.busy if code in ALIYUN_RETRY_CODES else DeliveryFailure.rejected
        raise NotSent(failure, f"{code}: {answer.get('Message')}")


# WeCom robot answers meaning "too many messages this minute" or "busy": try again later.
WECOM_RETRY_CODES = {-1, 45009, 45033}


class WecomRobotSender(HttpSender):
    """A WeCom (企业微信) group robot: POST ``{"msgtype": "text", ...}`` to its webhook URL."""

    def __init__(self, config):
        super().__init__(config)
        self.url = config["ROBOT_WEBHOOK_URL"]

    def send(self, message: Notification) -> str:
        response = self.post(self.url, json={"msgtype": "text", "text": {"content": message.body}})
        answer = _json(response)
        code = answer.get("errcode")
        if code == 0:
            return f"wecom-{message.id}"
        failure = DeliveryFailure.busy if code in WECOM_RETRY_CODES else DeliveryFailure.rejected
        raise NotSent(failure, f"errcode {code}: {answer.get('errmsg')}")


def _said(response: httpx.Response) -> str:
    """What a service answered, readable: JSON with its Chinese unescaped."""
    try:
        return json.dumps(response.json(), ensure_ascii=False)[:300]
    except ValueError:
        return response.text[:300]


def _json(response: httpx.Response) -> dict:
    try:
        answer = response.json()
    except ValueError as exc:
        raise Uncertain(f"unreadable answer: {response.text[:200]}") from exc
    if not isinstance(answer, dict):
        raise Uncertain(f"unreadable answer: {response.text[:200]}")
    return answer


# The backend names each channel's setting may take (config.check refuses any other at start).
BACKENDS = {
    MessageChannel.email: ("MAIL_BACKEND", {"log": None, "smtp": SmtpSender}),
    MessageChannel.sms: ("SMS_BACKEND", {"log": None, "http": HttpSmsSender, "aliyun": AliyunSmsSender}),
    MessageChannel.robot: ("ROBOT_BACKEND", {"log": None, "wecom": WecomRobotSender}),
}


class Senders:
    """The configured sender of each channel, opened on first use and closed together."""

    def __init__(self, config):
        self.config = config
        self.open: dict[MessageChannel, object] = {}

    def __enter__(self) -> Senders:
        return self

    def __exit__(self, *exc_info) -> None:
        for sender in self.open.values():
            sender.close()
        self.open.clear()

    def for_channel(self, channel: MessageChannel):
        if channel not in self.open:
            setting, choices = BACKENDS[channel]
            sender_class = choices[self.config[setting]]
            self.open[channel] = sender_class(self.config) if sender_class else LogSender(channel)
        return self.open[channel]
