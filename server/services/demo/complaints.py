"""Demo complaints in every status, so a newcomer sees what the console can do.

The stories (`demo.stories`) are filed through the same submission service as the
mini-program (routing, hints, deadlines, tracking numbers; text checked by the fake WeChat
server), with photos drawn by Pillow and uploaded through the photo pipeline, and moved
along by the demo staff and parents through the workflow, supplements and ratings, each
at its own instant in the past. So every audit entry, timeline step and outbox message is
what real use makes, deadlines really passed where a story is overdue, and the demo worker
then sends those messages to the fake WeChat.
"""

import logging
from datetime import timedelta

from models.institution import Institution
from models.parent import Parent
from models.staff import Staff
from server.clock import SHANGHAI, utcnow
from server.services.complaints import (
    add_supplement,
    any_complaints,
    perform,
    rate,
    reload_complaint,
    submit_complaint,
)
from server.services.demo.photos import demo_photo
from server.services.demo.stories import RECTIFICATIONS, STORIES
from server.services.photos import MediaLinks, upload_photo
from server.services.rectifications import open_rectification

log = logging.getLogger(__name__)
ADDRESS = "城关镇人民路 18 号"  # for a story whose institution is not in the archive


def listed_institutions():
    """The whitelisted institutions the stories are about (by name: stable across runs)."""
    return list(Institution.objects(status="whitelist").order_by("name").limit(6))


class Desk:
    """What the stories need: config, WeChat, calendar, rules, the photo links, a clock."""

    def __init__(self, config, wechat, now, deadlines):
        self.wechat, self.now = wechat, now
        self.calendar, self.rules = deadlines.calendar, deadlines.rules
        self.links = MediaLinks.from_config(config)
        self.institutions = listed_institutions()
        self.filed = {}  # story key -> tracking number

    def photo_ids(self, parent, kinds, seed):
        """Upload demo photos of `kinds` for the parent; their ids."""
        return [
            str(
                upload_photo(
                    parent, demo_photo(kind, seed + i), wechat=self.wechat, media_links=self.links
                ).pk
            )
            for i, kind in enumerate(kinds)
        ]

    def body(self, story, parent, seed):
        """The submission body: a listed institution when the demo has one."""
        body = {"category": story.category, "description": story.description}
        if story.institution < len(self.institutions):
            body["institution_id"] = str(self.institutions[story.institution].pk)
        else:
            body.update(institution_name=story.fallback_name, institution_address=ADDRESS)
        if story.photos:
            body["photo_ids"] = self.photo_ids(parent, story.photos, seed)
        return body


def _staff_for(who, complaint):
    """The demo account acting: `dispatcher`, or the handler of the complaint's queue."""
    username = f"handler_{complaint.queue.key}" if who == "handler" else who
    return Staff.objects(username=username).first()


def _staff_step(desk, complaint, who, action, fields, at):
    staff = _staff_for(who, complaint)
    if action in ("assign", "accept_assign"):
        fields = {"assignee": str(_staff_for("handler", complaint).pk)}
    if action == "merge":
        fields = {"into": desk.filed[fields["into"]]}
    payload = {"version": complaint.version, **fields}
    options = {"calendar": desk.calendar, "rules": desk.rules, "now": at}
    perform(complaint.no, action, payload, staff=staff, **options)


def _parent_step(desk, complaint, parent, action, fields, at, seed):
    if action == "supplement":
        ids = desk.photo_ids(parent, fields.get("photos", ()), seed + 50)
        add_supplement(
            complaint.no,
            parent,
            text=fields["text"],
            photo_ids=ids,
            wechat=desk.wechat,
            calendar=desk.calendar,
            now=at,
        )
    else:
        options = {"rules": desk.rules, "calendar": desk.calendar, "now": at}
        rate(complaint.no, parent, score=fields["score"], comment=fields.get("comment"), **options)


def tell(desk, story, seed):
    """File one story at its instant and take its steps; its tracking number."""
    parent = Parent.objects(openid=story.parent).first() or Parent(openid=story.parent).save()
    filed_at = desk.now - timedelta(days=story.days_ago)
    complaint, _ = submit_complaint(
        parent,
        desk.body(story, parent, seed),
        wechat=desk.wechat,
        calendar=desk.calendar,
        rules=desk.rules,
        now=filed_at,
    )
    for who, action, fields, hours in story.steps:
        at = filed_at + timedelta(hours=hours)
        if who == "parent":
            _parent_step(desk, complaint, parent, action, fields, at, seed)
        else:
            _staff_step(desk, complaint, who, action, fields, at)
        complaint = reload_complaint(complaint)
    desk.filed[story.key] = complaint.no
    return complaint.no


def open_demo_rectifications(desk):
    """An open rectification (from a complaint) and one whose deadline has passed."""
    staff = Staff.objects(username="dispatcher").first()
    for index, problems, summary, story, days_ago, due_in in RECTIFICATIONS:
        if index >= len(desk.institutions):
            continue
        opened = desk.now - timedelta(days=days_ago)
        due = (opened + timedelta(days=due_in)).astimezone(SHANGHAI).date()
        data = {
            "institution_id": str(desk.institutions[index].pk),
            "problems": problems,
            "requirements": "限期整改到位，并将整改情况书面报告教育局。",
            "due_date": due.isoformat(),
            "summary": summary,
            "complaint_no": desk.filed.get(story),
        }
        open_rectification(data, actor=staff, now=opened)


def seed_demo_complaints(config, *, wechat, deadlines, now=None):
    """File and move the demo stories once (nothing if any complaint exists)."""
    if any_complaints():
        return 0
    desk = Desk(config, wechat, now or utcnow(), deadlines)
    for seed, story in enumerate(STORIES):
        tell(desk, story, seed * 10)
    open_demo_rectifications(desk)
    log.warning("demo complaints filed: %d", len(STORIES))
    return len(STORIES)
