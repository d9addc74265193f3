"""The mini-program's answers and their Swagger models come from the same Shapes: every
answer served carries its shape's declared keys in the declared order (a key with a
default may be left out) and the spec's model has exactly those properties, so a field
added to one of these shapes shows in the answer and in swagger.json together, or fails
here until the service fills it."""

from models.parent import Parent
from server.services import admin, complaints, directory, menus, photos, privacy
from tests.support.complaint_support import COMPLAINTS, DESCRIPTION, upload_photo
from tests.support.factories import complaint_in, jpeg_bytes

MP, STAFF = "/api/mp/v1", "/api/staff/v1"
HERE = {"lat": 29.085, "lng": 119.647}


def declared(shape):
    """The keys `shape` declares, in order: all of them, and those that may be left out."""
    keys = [field.alias or name for name, field in shape.model_fields.items()]
    optional = {f.alias or n for n, f in shape.model_fields.items() if not f.is_required()}
    return keys, optional


def answers(client, parent, admin_client, fake_wechat):
    """{(shape, Swagger model name): an answer of that shape served by the API}."""
    place = {"kind": "subject", "status": "whitelist", "location": HERE}
    admin_client.post(f"{STAFF}/institutions", json={"name": "星光培训中心", **place}, status=201)
    near = client.get(f"{MP}/institutions", query_string={**HERE, "radius_m": 3000})
    verdict = client.get(f"{MP}/institutions/check", query_string={"name": "星光培训中心"})
    lookalike = client.get(f"{MP}/institutions/check", query_string={"name": "星光培训学校"})
    meta = client.get(f"{MP}/meta")
    photo_id = upload_photo(parent, jpeg_bytes((320, 240)))["id"]
    report = {"category": "fees", "description": DESCRIPTION, "photo_ids": [photo_id]}
    report |= {"institution_name": "无名补习班", "institution_address": "城关镇幸福小区 3 栋"}
    filed = parent.post(COMPLAINTS, json=report, status=201)
    no = filed["no"]
    added = parent.post(f"{COMPLAINTS}/{no}/supplements", json={"text": "补充说明"}, status=201)
    me = Parent.objects.get(openid=fake_wechat.openid_for("parent-code-a"))
    resolved = complaint_in("resolved", parent=me).no
    rated = parent.post(f"{COMPLAINTS}/{resolved}/rating", json={"score": "satisfied"}, status=201)
    upload_photo(parent, jpeg_bytes((200, 160)))  # shown by no complaint: a loose upload
    subscribe = {"template_ids": ["demo-status-template"]}
    parent.post(f"{MP}/subscriptions", json=subscribe, status=204)
    summary = parent.get(COMPLAINTS)["items"][0]
    held = parent.get(f"{MP}/me/data")
    withdrawn = parent.delete(f"{MP}/me")  # last: the account is gone after it
    return {
        (directory.InstitutionItem, "InstitutionItem"): near["items"][0],
        (directory.Verdict, "Verdict"): verdict,
        (directory.SimilarInstitution, "SimilarInstitution"): lookalike["similar"][0],
        (menus.Meta, "Meta"): meta,
        (menus.Choice, "Choice"): meta["statuses"][0],
        (menus.ComplaintCategoryChoice, "ComplaintCategoryChoice"): meta["complaint_categories"][0],
        (complaints.SubscribeTemplate, "SubscribeTemplate"): meta["subscribe_templates"][0],
        (admin.Bureau, "Bureau"): meta["bureau"],
        (privacy.PrivacyRef, "PrivacyRef"): meta["privacy"],
        (privacy.PrivacyNoticeText, "PrivacyNotice"): client.get(f"{MP}/privacy"),
        (complaints.ParentComplaintFiled, "ParentComplaintFiled"): filed,
        (complaints.ParentComplaintSummary, "ParentComplaintSummary"): summary,
        (complaints.ParentComplaintDetail, "ParentComplaintDetail"): added,
        (complaints.TimelineStep, "TimelineStep"): added["timeline"][0],
        (complaints.ParentSupplement, "ParentSupplement"): added["supplements"][0],
        (photos.PhotoLink, "PhotoLink"): added["photos"][0],
        (complaints.ParentRating, "ParentRating"): rated["rating"],
        (privacy.MyData, "MyData"): held,
        (privacy.HeldAccount, "HeldAccount"): held["account"],
        (privacy.HeldSubscription, "HeldSubscription"): held["account"]["subscriptions"][0],
        (privacy.HeldUpload, "HeldUpload"): held["uploads"][0],
        (privacy.Withdrawn, "Withdrawn"): withdrawn,
    }


def test_each_answer_and_its_model_have_the_shapes_keys(client, parent, admin, fake_wechat):
    spec = client.get(f"{MP}/swagger.json")["definitions"]
    served = answers(client, parent, admin, fake_wechat)
    assert "distance_m" in served[directory.InstitutionItem, "InstitutionItem"]
    for (shape, name), answer in served.items():
        keys, optional = declared(shape)
        assert list(spec[name]["properties"]) == keys, name
        assert spec[name].get("required", []) == [k for k in keys if k not in optional], name
        assert list(answer) == [k for k in keys if k in answer], name  # declared keys, in order
        assert set(keys) - set(answer) <= optional, name


def test_the_request_models_are_the_forms_that_check_them(client, parent):
    spec = client.get(f"{MP}/swagger.json")
    for path, form in (
        ("/auth/login", complaints.ParentLogin),
        ("/subscriptions", complaints.SubscriptionsInput),
    ):
        (body,) = [p for p in spec["paths"][path]["post"]["parameters"] if p["in"] == "body"]
        schema = spec["definitions"][body["schema"]["$ref"].rsplit("/", 1)[1]]
        assert list(schema["properties"]) == list(form.model_fields)
    # What the model documents is what is refused: more than 20 template ids.
    too_many = {"template_ids": ["demo-status-template"] * 21}
    assert spec["definitions"]["Subscriptions"]["properties"]["template_ids"]["maxItems"] == 20
    refused = parent.post(f"{MP}/subscriptions", json=too_many, status=400)
    assert refused["errors"] == {"template_ids": "必须是模板 ID 列表（最多 20 个）"}
