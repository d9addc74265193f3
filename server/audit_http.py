"""The security audit of staff requests that change settings, move data in or out, or act on
complaints: one table from (endpoint, method) to the action recorded, for the staff API and
the console alike, written after the answer is known (2xx success, 403 denied, else failure).

Sign-ins, sessions, passwords, second factors, account changes and phone reveals are
recorded by the services themselves (with their reasons); this table covers the rest.
Details are codes, ids, formats and statuses only, never what a form or file held.
"""

from flask import g, request

from server.services import audit

A = audit
# (endpoint, method) -> (action, target template from view args and query, detail names)
AUDITED = {
    ("staff_api.ledger_ledger_export", "GET"): (A.EXPORTED, "ledger", ("from", "to", "format")),
    ("console.stats_ledger", "GET"): (A.EXPORTED, "ledger", ("from", "to", "format")),
    ("console.complaints_export", "GET"): (A.EXPORTED, "complaint_list", ("status", "queue")),
    ("staff_api.institutions_institution_export", "GET"): (A.EXPORTED, "archive", ("format",)),
    ("console.institutions_export", "GET"): (A.EXPORTED, "archive", ("format",)),
    ("staff_api.institution_codes_institution_code", "GET"): (
        A.DOWNLOADED,
        "institution:{institution_id}",
        ("poster", "width"),
    ),
    ("console.institutions_code", "GET"): (A.DOWNLOADED, "institution:{iid}", ("poster",)),
    ("staff_api.institutions_institution_import", "POST"): (A.IMPORTED, "archive", ()),
    ("console.institutions_import_upload", "POST"): (A.IMPORTED, "archive", ()),
    ("staff_api.institutions_institution_list", "POST"): (A.INSTITUTION_CHANGED, "archive", ()),
    ("staff_api.institutions_institution_detail", "PATCH"): (
        A.INSTITUTION_CHANGED,
        "institution:{institution_id}",
        (),
    ),
    ("staff_api.institutions_institution_status", "POST"): (
        A.INSTITUTION_CHANGED,
        "institution:{institution_id}",
        ("status",),
    ),
    ("console.institutions_create", "POST"): (A.INSTITUTION_CHANGED, "archive", ()),
    ("console.institutions_update", "POST"): (A.INSTITUTION_CHANGED, "institution:{iid}", ()),
    ("console.institutions_status", "POST"): (
        A.INSTITUTION_CHANGED,
        "institution:{iid}",
        ("status",),
    ),
    ("staff_api.routing_rules_routing_rules", "PUT"): (A.ROUTING_CHANGED, "routing_rules", ()),
    ("staff_api.holidays_holiday_list", "POST"): (A.HOLIDAY_CHANGED, "calendar", ("date", "kind")),
    ("staff_api.holidays_holiday_item", "DELETE"): (A.HOLIDAY_CHANGED, "calendar:{day}", ()),
    ("staff_api.notices_notice_list", "POST"): (A.NOTICE_CHANGED, "notices", ()),
    ("staff_api.notices_notice_item", "PATCH"): (A.NOTICE_CHANGED, "notice:{notice_id}", ()),
    ("console.notices_create", "POST"): (A.NOTICE_CHANGED, "notices", ()),
    ("console.notices_change", "POST"): (A.NOTICE_CHANGED, "notice:{notice_id}", ("what",)),
    ("staff_api.rectifications_rectification_list", "POST"): (
        A.RECTIFICATION_CHANGED,
        "rectifications",
        (),
    ),
    ("staff_api.rectifications_rectification_close", "POST"): (
        A.RECTIFICATION_CHANGED,
        "rectification:{rectification_id}",
        (),
    ),
    ("console.rectifications_create", "POST"): (A.RECTIFICATION_CHANGED, "rectifications", ()),
    ("console.rectifications_close", "POST"): (
        A.RECTIFICATION_CHANGED,
        "rectification:{rid}",
        (),
    ),
    ("staff_api.complaints_complaint_actions", "POST"): (
        A.COMPLAINT_ACTION,
        "complaint:{no}",
        ("action",),
    ),
    ("console.complaints_act", "POST"): (A.COMPLAINT_ACTION, "complaint:{no}", ("action",)),
}
CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-:")


def _given(name):
    """A detail from the query, the form or a JSON body: short codes only, else dropped."""
    value = request.args.get(name) or request.form.get(name)
    if value is None and request.is_json:
        body = request.get_json(silent=True)
        value = body.get(name) if isinstance(body, dict) else None
    if isinstance(value, str) and len(value) <= 20 and set(value.lower()) <= CODE_CHARS:
        return value
    return None


def _outcome(status):
    if status < 400:
        return audit.SUCCESS
    return audit.DENIED if status in (401, 403) else audit.FAILURE


def after_request(response):
    """Record an audited request made by a signed-in staff member."""
    found = AUDITED.get((request.endpoint, request.method))
    staff = g.get("staff")
    if found is None or staff is None:
        return response
    action, target, names = found
    details = {name: _given(name) for name in names}
    details = {name: value for name, value in details.items() if value is not None}
    details["status"] = response.status_code  # a complaint's step: its own trail has the rest
    audit.record(
        actor=staff,
        action=action,
        target=target.format(**(request.view_args or {})),
        outcome=_outcome(response.status_code),
        details=details,
    )
    return response


def init_app(app):
    """Record the audited requests of every blueprint."""
    app.after_request(after_request)
