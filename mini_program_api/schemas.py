"""Response models of the mini-program API (documentation only; see server/api_responses.py).

Every one is generated from the `Shape` the service answers through, so an answer and its
model cannot drift: directory items, verdicts and details (services/directory/), the
parent's complaints (services/complaints/parent_shapes.py), /meta (services/menus/), the
privacy notice, notices, uploads and the parent's own data (services/privacy/). The models
they nest (Point, PhotoLink, Choice ...) are registered under their class names with them.
"""

from server.api_responses import FILE, TEXT, Schemas
from server.services import admin, complaints, directory, menus, photos, privacy

registry = Schemas()
errors = registry.errors
Error = registry.error
File, Text = FILE, TEXT

Token = registry.shape(complaints.ParentToken)
Point = registry.shape(directory.Point)
InstitutionItem = registry.shape(directory.InstitutionItem)
InstitutionPage = registry.page("InstitutionPage", InstitutionItem)
Verdict = registry.shape(directory.Verdict)
InstitutionDetail = registry.shape(directory.InstitutionDetail)
Meta = registry.shape(menus.Meta)
PrivacyNotice = registry.shape(privacy.PrivacyNoticeText, "PrivacyNotice")
Notice = registry.shape(admin.NoticeView, "Notice")
NoticePage = registry.page("NoticePage", Notice)
Upload = registry.shape(photos.Upload)
ComplaintSummary = registry.shape(complaints.ParentComplaintSummary)
ComplaintPage = registry.page("ParentComplaintPage", ComplaintSummary)
ComplaintDetail = registry.shape(complaints.ParentComplaintDetail)
ComplaintFiled = registry.shape(complaints.ParentComplaintFiled)
MyData = registry.shape(privacy.MyData[complaints.ParentComplaintDetail], "MyData")
Withdrawn = registry.shape(privacy.Withdrawn)

# The error codes each writing operation can answer, beside the token's 401s.
SIGNED_IN = ("unauthorized", "invalid_token")
SUBMIT_ERRORS = (
    *("validation_error", "malformed_json", "body_too_large", "not_found"),
    *("request_in_progress", "content_rejected", "rate_limited", "wechat_unavailable"),
    *SIGNED_IN,
)
SUPPLEMENT_ERRORS = (
    *("validation_error", "malformed_json", "not_found", "request_in_progress"),
    *("invalid_transition", "content_rejected", "rate_limited"),
    *SIGNED_IN,
)
RATING_ERRORS = (
    *("validation_error", "malformed_json", "not_found", "request_in_progress"),
    *("already_rated", "invalid_transition"),
    *SIGNED_IN,
)
UPLOAD_ERRORS = (
    *("validation_error", "not_an_image", "corrupt_image", "image_too_large"),
    *("file_too_large", "too_many_parts", "content_rejected", "rate_limited", "busy"),
    *SIGNED_IN,
)
