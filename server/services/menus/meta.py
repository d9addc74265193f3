"""GET /meta's answer, declared once and built from the domains that own each part: the
directory (districts and labelled codes), complaints (subscribe templates), admin (the
bureau's contact) and privacy (the notice in force). Nothing imports this domain back."""

from server.services import directory
from server.services.admin import Bureau, bureau_contact
from server.services.common import Shape, described
from server.services.complaints import SubscribeTemplate, subscribe_templates
from server.services.privacy import PrivacyRef, notice_ref


class Choice(Shape):
    """One code of a menu with its Chinese label."""

    code: str
    label: str


class ComplaintCategoryChoice(Choice):
    """A complaint category with the policy text it stands for."""

    description: described(str, "政策原文释义")


class Meta(Shape):
    """Menus and labels, subscribe templates, the bureau's contact and the privacy notice."""

    districts: list[str]
    complaint_categories: list[ComplaintCategoryChoice]
    institution_categories: list[Choice]
    institution_kinds: list[Choice]
    institution_natures: list[Choice]
    institution_modes: list[Choice]
    statuses: list[Choice]
    verdicts: list[Choice]
    subscribe_templates: list[SubscribeTemplate]
    bureau: Bureau
    privacy: PrivacyRef


def mini_program_meta(config):
    """/meta's answer for the deployment configured by `config`."""
    body = directory.meta()
    body["subscribe_templates"] = subscribe_templates(config)
    body["bureau"] = bureau_contact(config)
    body["privacy"] = notice_ref(config)
    return Meta.answer(body)
