"""Every console page renders when stored records lack optional fields or lost a reference."""

from datetime import timedelta

from models.complaint import AuditEntry, Complaint
from models.institution import Institution, InstitutionJournal
from models.notice import Notice
from models.queue import Queue
from models.rectification import Rectification


def bare_complaint(no="TS202601050001", **fields):
    """A complaint with only its required fields: no parent, institution, photos or history."""
    queue = Queue.objects.get(key="triage")
    return Complaint(no=no, category="other", description="x", queue=queue, **fields).save()


def test_a_bare_complaint_renders_everywhere(console_login, now):
    bare_complaint()
    bare_complaint(
        "TS202601050002",
        status="in_progress",
        audit=[AuditEntry(at=now, action="mystery_step", detail={"odd": None})],
    )
    admin = console_login("boss", ["admin"])
    for path in ("/console/", "/console/complaints", "/console/complaints/TS202601050001"):
        admin.get(path)
    page = admin.page("/console/complaints/TS202601050002")
    assert "mystery_step" in page
    assert "未在档案中" in page
    assert "无照片" in page


def test_records_whose_institution_was_deleted_still_render(console_login, now):
    gone = Institution(name="已注销机构").save()
    Rectification(
        institution=gone,
        problems=[],
        due_at=now + timedelta(days=3),
        summary="整改",
        opened_by="boss",
    ).save()
    Notice(title="公告", body="正文", institutions=[gone]).save()
    # Stored before the archive refused to delete an institution a rectification names.
    Institution._get_collection().delete_one({"_id": gone.id})
    InstitutionJournal.record([gone.id])
    admin = console_login("boss", ["admin"])
    assert "机构已删除" in admin.page("/console/rectifications")
    rid = Rectification.objects.get().id
    assert "机构已删除" in admin.page(f"/console/rectifications/{rid}")
    admin.get(f"/console/notices/{Notice.objects.get().id}")
    admin.get("/console/notices")


def test_accounts_without_queues_or_roles_render(console_login):
    admin = console_login("boss", ["admin"])
    from models.staff import Staff

    bare = Staff(username="bare", name="无角色", password_hash="x", roles=[]).save()
    assert "无角色" in admin.page("/console/accounts")
    admin.get(f"/console/accounts/{bare.id}")


def test_an_institution_with_only_a_name_renders(console_login):
    bare = Institution(name="只有名称的机构").save()
    admin = console_login("boss", ["admin"])
    assert "只有名称的机构" in admin.page(f"/console/institutions/{bare.id}")
    admin.get(f"/console/institutions/{bare.id}/edit")
    admin.get(f"/console/rectifications/new?institution_id={bare.id}")
