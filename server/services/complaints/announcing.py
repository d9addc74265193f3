"""What a new complaint sets off, whoever filed it: early warning and the queue's news.

Called once the complaint is stored (parent's submission, staff intake, 12345 import).
The warning rules read only the complaint's own window (see warnings.evaluation); a
warning opened here and the complaint itself are announced to the queue's robot and
mailbox through the staff outbox, whose unique keys make a repeated call add nothing.
"""

from server.services import queue_news, warnings
from server.services.complaints.clusters import key_of, recent_numbers


def _institution_name(complaint):
    institution = complaint.institution
    return institution.name if institution is not None else complaint.institution_name


def announce_new(complaint, *, now):
    """Evaluate the warning rules and queue the news; the warnings opened."""
    institution = complaint.institution
    name = _institution_name(complaint)
    subject = key_of(complaint)
    opened = []
    if subject is not None:
        facts = warnings.Facts(
            no=complaint.no,
            subject=subject,
            institution_id=institution.pk if institution is not None else None,
            institution_name=name,
            institution_status=getattr(institution, "status", None),
            category=complaint.category,
            queue_id=complaint.queue.pk if complaint.queue else None,
            at=complaint.created_at,
        )
        opened = warnings.evaluate(facts, recent=recent_numbers)
    common = {"category": complaint.category, "institution": name, "now": now}
    queue_news.record_news(
        "new", queue=complaint.queue, key=complaint.no, no=complaint.no,
        due_at=complaint.accept_due_at, **common,
    )  # fmt: skip
    for warning in opened:
        queue_news.record_news(
            "warning", queue=complaint.queue, key=str(warning.id), no=complaint.no,
            rule=warning.rule_name, **common,
        )  # fmt: skip
    return opened


def announce(event, complaint, *, key, now, due_at=None):
    """Queue one piece of news about an existing complaint (supplement, rating, deadline)."""
    return queue_news.record_news(
        event,
        queue=complaint.queue,
        key=key,
        now=now,
        no=complaint.no,
        category=complaint.category,
        institution=_institution_name(complaint),
        due_at=due_at,
    )
