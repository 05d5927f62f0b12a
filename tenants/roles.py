"""The groups every portal gets, and what each may do on that portal's own root page
and collection. Tenant isolation beyond these Wagtail permissions lives in
tenants.scoping (issue: tenant isolation in the admin)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("Biên tập viên")
    MODERATOR = "moderator", _("Kiểm duyệt viên")
    PROVINCIAL_ADMIN = "provincial_admin", _("Quản trị cấp tỉnh")


# Wagtail page permissions (codenames on wagtailcore.Page) granted on the portal root.
PAGE_PERMISSIONS = {
    Role.EDITOR: ["add_page", "change_page"],
    Role.MODERATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.PROVINCIAL_ADMIN: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

_MEDIA_EDIT = ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"]
_MEDIA_ALL = [*_MEDIA_EDIT, "delete_image", "delete_document"]

# Image and document permissions granted on the portal's collection.
COLLECTION_PERMISSIONS = {
    Role.EDITOR: _MEDIA_EDIT,
    Role.MODERATOR: _MEDIA_ALL,
    Role.PROVINCIAL_ADMIN: _MEDIA_ALL,
}


# Site setting permissions (wagtail GroupSitePermission) granted on the portal's Site:
# moderators edit their own portal's look; editors do not.
SITE_SETTING_PERMISSIONS = {
    Role.EDITOR: [],
    Role.MODERATOR: ["change_themesettings"],
    Role.PROVINCIAL_ADMIN: ["change_themesettings"],
}


# Model permissions on the snippets a portal owns (core.NewsCategory, core.IssuingBody).
# They are model-wide in Django; tenants.snippets, tenants.forms and tenants.admin_guard
# keep each portal to its own rows.
PORTAL_SNIPPETS = ("newscategory", "issuingbody")
SNIPPET_PERMISSIONS = {
    Role.EDITOR: ["add", "change", "view"],
    Role.MODERATOR: ["add", "change", "delete", "view"],
    Role.PROVINCIAL_ADMIN: ["add", "change", "delete", "view"],
}


def snippet_codenames(role: Role) -> list[str]:
    return [f"{action}_{model}" for model in PORTAL_SNIPPETS for action in SNIPPET_PERMISSIONS[role]]


def roles_for_level(level: str) -> list[Role]:
    roles = [Role.EDITOR, Role.MODERATOR]
    if level == "province":
        roles.append(Role.PROVINCIAL_ADMIN)
    return roles


# wagtail-localize: moderators (and provincial admins) start translations of their
# portal's pages, into the portal's own languages only (core.languages).
TRANSLATION_PERMISSIONS = {
    Role.EDITOR: [],
    Role.MODERATOR: ["submit_translation"],
    Role.PROVINCIAL_ADMIN: ["submit_translation"],
}


# Citizens' questions (citizens.Question): moderators answer and publish them; editors
# never see them (they hold personal data).
# The same for comments on drafts under consultation (citizens.DraftComment).
CITIZEN_PERMISSIONS = {
    Role.EDITOR: [],
    Role.MODERATOR: ["view_question", "change_question", "view_draftcomment", "change_draftcomment"],
    Role.PROVINCIAL_ADMIN: [
        "view_question",
        "change_question",
        "delete_question",
        "view_draftcomment",
        "change_draftcomment",
        "delete_draftcomment",
    ],
}


# Province-wide alerts (core.ProvinceAlert): only the province's administrators.
ALERT_PERMISSIONS = {
    Role.EDITOR: [],
    Role.MODERATOR: [],
    Role.PROVINCIAL_ADMIN: ["add_provincealert", "change_provincealert", "delete_provincealert", "view_provincealert"],
}
