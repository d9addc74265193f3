"""The current privacy notice: the newest stored version, else the demo county's default.

What it must say follows WeChat's 用户隐私保护指引 declarations (docs/deploy-wechat.md):
each kind of personal information the mini-program collects, why, who sees it and how
long it is kept.
"""

from models.privacy import PrivacyNotice
from server.clock import SHANGHAI, utcnow
from server.services.privacy.notice_shapes import PrivacyNoticeText, PrivacyRef

DEFAULT_VERSION = "2026-06-01"
DEFAULT_TITLE = "双减监督小程序隐私保护指引"
DEFAULT_BODY = "\n".join(
    (
        "{bureau}（以下简称“我们”）开发运营“双减监督”小程序，"
        "用于查询校外培训机构是否在教育部门的白名单、"
        "黑名单中，以及向教育部门举报违规培训。"
        "我们按本指引收集和使用您的个人信息。",
        "",
        "一、我们收集哪些信息、为什么收集",
        "1. 位置信息：仅在您打开“附近”页时，经您同意后获取您的大致位置，"
        "用于在地图上显示您附近的白名单机构。位置只在您的手机上用于排序和显示，"
        "不上传、不保存。",
        "2. 照片和摄像头：仅在您举报时选择或拍摄照片作为证据。"
        "照片上传前会去除拍摄地点等信息，只用于核实您反映的问题。",
        "3. 手机号码：仅在您举报时自愿填写（可选择匿名，"
        "不填写），用于办理人员必要时联系您核实情况。",
        "4. 微信登录标识（openid）：用于识别“我的投诉”是您本人提交的，"
        "使您能查看办理进度、补充材料和评价。",
        "",
        "二、谁能看到",
        "您的举报内容、照片和手机号码只有教育局负责办理的工作人员能看到；"
        "被举报的机构看不到您的身份和联系方式。"
        "我们不会向任何第三方出售或提供您的个人信息，法律法规另有规定的除外。",
        "",
        "三、保存多久",
        "举报办结（结案、不予受理或合并）满一年后，我们删除其中的手机号码、"
        "照片和与您微信账号的关联，只保留不能识别您身份的统计数据。"
        "位置信息不保存。",
        "",
        "四、您的权利",
        "您可以在微信“设置—隐私”中随时关闭位置、"
        "相册、摄像头的授权，也可以选择匿名举报。对本指引或个人信息处理有疑问，"
        "请拨打监督电话 {phone}（{hours}）。",
        "",
        "五、更新",
        "本指引更新时，我们会在小程序内提示您重新阅读并同意。",
    )
)


def _default(config):
    """The default notice, filled with the bureau's name and phone from the settings."""
    body = DEFAULT_BODY.format(
        bureau=config.get("BUREAU_NAME") or "县教育局",
        phone=config.get("BUREAU_PHONE") or "",
        hours=config.get("BUREAU_HOURS") or "",
    )
    return PrivacyNoticeText.answer(
        {
            "version": DEFAULT_VERSION,
            "title": DEFAULT_TITLE,
            "body": body,
            "effective_date": DEFAULT_VERSION,
        }
    )


def current_notice(config):
    """The notice in force today: {"version", "title", "body", "effective_date"}."""
    today = utcnow().astimezone(SHANGHAI).date().isoformat()
    stored = (
        PrivacyNotice.objects(effective_date__lte=today)
        .order_by("-effective_date", "-created_at")
        .first()
    )
    if stored is None:
        return _default(config)
    return PrivacyNoticeText.answer(
        {
            "version": stored.version,
            "title": stored.title,
            "body": stored.body,
            "effective_date": stored.effective_date,
        }
    )


def notice_ref(config):
    """What /meta says of the notice: its version, title and where its text is served."""
    notice = current_notice(config)
    url = config["PUBLIC_BASE_URL"] + "/api/mp/v1/privacy"
    return PrivacyRef.answer({"version": notice["version"], "title": notice["title"], "url": url})
