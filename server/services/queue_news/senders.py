"""The two ways queue news leaves: a 企业微信 group robot's webhook, and SMTP e-mail.

Each sender raises `SendError(transient, code, text)` on failure: the delivery retries a
transient one (the robot's -1 and 45009 rate limit, HTTP 5xx, timeouts, refused
connections, SMTP 4xx) and gives up a final one (a wrong key 93000, a refused message,
SMTP 5xx). The robot takes `markdown` content up to 4096 bytes (UTF-8), so longer text is
cut on a character boundary first. Neither the key nor an address is ever logged.
"""

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

import requests

MARKDOWN_LIMIT = 4096  # bytes, as the robot's documentation sets for markdown.content
RETRY_ERRCODES = {-1, 45009}  # system busy; more than 20 messages a minute


class SendError(Exception):
    """A failed send: transient ones are retried."""

    def __init__(self, transient, code, text):
        super().__init__(text)
        self.transient, self.code, self.text = transient, code, text


def fit_bytes(text, limit=MARKDOWN_LIMIT):
    """`text` cut to at most `limit` UTF-8 bytes, never inside a character."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode("utf-8", "ignore") + "…"


def send_wecom(url, text, *, timeout):
    """Post `text` as a markdown message to the robot at `url`."""
    body = {"msgtype": "markdown", "markdown": {"content": fit_bytes(text)}}
    try:
        answer = requests.post(url, json=body, timeout=timeout)
    except requests.RequestException as error:
        raise SendError(True, None, type(error).__name__) from None
    if answer.status_code >= 500:
        raise SendError(True, answer.status_code, f"HTTP {answer.status_code}")
    try:
        result = answer.json()
    except ValueError:
        raise SendError(answer.status_code >= 500, answer.status_code, "not JSON") from None
    errcode = result.get("errcode")
    if errcode != 0:
        text = str(result.get("errmsg") or "")[:200]
        raise SendError(errcode in RETRY_ERRCODES, errcode, text)


@dataclass(frozen=True)
class MailSettings:
    """SMTP server and sender, from SMTP_* settings."""

    host: str | None = None
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    sender: str = "noreply@localhost"
    timeout: float = 10.0


def send_mail(settings, recipients, subject, text):
    """Send one plain-text e-mail to `recipients` through the SMTP server."""
    if not settings.host:
        raise SendError(False, None, "SMTP_HOST not set")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = (
        settings.sender,
        ", ".join(recipients),
        subject,
    )
    message.set_content(text.replace("**", ""))
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.user:
                smtp.login(settings.user, settings.password or "")
            smtp.send_message(message)
    except smtplib.SMTPResponseException as error:
        raise SendError(400 <= error.smtp_code < 500, error.smtp_code, "SMTP refused") from None
    except smtplib.SMTPRecipientsRefused:
        raise SendError(False, None, "recipients refused") from None
    except (smtplib.SMTPException, OSError) as error:  # timeouts are OSErrors
        raise SendError(True, None, type(error).__name__) from None
