"""Response models of the staff API (documentation only; see server/api_responses.py).

Every one is generated from the shape the service answers through (`registry.shape`):
accounts (services/admin), complaints (services/complaints/staff_shapes.py, detail_shapes.py),
the archive (services/archive, services/directory), rectifications, notices, routing rules,
calendar days, statistics, intake caps (services/caps), the privacy notice's versions,
the hotline exchange, queue channels, staff uploads and early warnings; the namespaces add
only the list envelopes (`registry.page`).
"""

from server.api_responses import FILE, Schemas
from server.services import (
    admin,
    archive,
    caps,
    complaints,
    directory,
    holidays,
    hotline,
    photos,
    privacy,
    queue_news,
    rectifications,
    reports,
    warnings,
)

registry = Schemas()
errors = registry.errors
Error = registry.error
File = FILE

QueueRef = registry.shape(admin.QueueRef)
StaffRef = registry.shape(admin.StaffRef)
StaffMember = registry.shape(admin.StaffMember)
StaffPage = registry.page("StaffPage", StaffMember)
QueueCount = registry.shape(complaints.QueueCount)
Point = registry.shape(directory.Point)
InstitutionRef = registry.shape(directory.InstitutionRef)
ComplaintItem = registry.shape(complaints.StaffComplaintItem)
ComplaintPage = registry.page("StaffComplaintPage", ComplaintItem)
ComplaintDetail = registry.shape(complaints.StaffComplaintDetail)
Contact = registry.shape(complaints.Contact)
InstitutionItem = registry.shape(archive.StaffInstitutionItem)
InstitutionPage = registry.page("StaffInstitutionPage", InstitutionItem)
InstitutionDetail = registry.shape(directory.StaffInstitutionDetail)
ImportResult = registry.shape(archive.ImportResult)
RowError = registry.shape(archive.ImportRowError)
ImportFailed = registry.shape(archive.ImportFailed)
Rectification = registry.shape(rectifications.Rectification)
RectificationPage = registry.page("RectificationPage", Rectification)
Notice = registry.shape(admin.StaffNoticeView, "StaffNotice")
NoticePage = registry.page("StaffNoticePage", Notice)
RoutingRules = registry.shape(admin.RoutingRules)
CalendarDay = registry.shape(holidays.CalendarDay)
Stats = registry.shape(reports.Stats)
ClusterMerged = registry.shape(complaints.ClusterMerged)
StaffComplaintFiled = registry.shape(complaints.StaffComplaintFiled)

# The error codes operations answer beside their own: a token, and a role for writes.
SIGNED_IN = ("unauthorized", "invalid_token")
ADMIN_WRITE = (*SIGNED_IN, "forbidden", "validation_error", "malformed_json", "body_too_large")
CREATE = (*ADMIN_WRITE, "request_in_progress")
ACTION_ERRORS = (
    *(*ADMIN_WRITE, "not_found", "version_conflict", "conflict"),
    *("invalid_transition", "content_rejected", "wechat_unavailable"),
)
CODE_ERRORS = (*SIGNED_IN, "validation_error", "not_found", "wechat_unavailable")
CODE_ERRORS += ("wxacode_page_invalid",)
CLOSE_ERRORS = (*ADMIN_WRITE, "not_found", "invalid_transition", "not_an_image")
CLOSE_ERRORS += ("corrupt_image", "image_too_large", "file_too_large", "busy")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IntakeCaps = registry.shape(caps.IntakeCaps)
PrivacyNoticeVersion = registry.shape(privacy.PrivacyNoticeVersion)
HotlineImportResult = registry.shape(hotline.HotlineImportResult)
HotlineImportFailed = registry.shape(hotline.HotlineImportFailed)
HotlineColumns = registry.shape(hotline.HotlineColumnsView, "HotlineColumns")
QueueChannels = registry.shape(queue_news.QueueChannelsView, "QueueChannels")
StaffUpload = registry.shape(photos.StaffUpload)
Warning = registry.shape(warnings.WarningView, "Warning")
WarningRules = registry.shape(warnings.WarningRules)
