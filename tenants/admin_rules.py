"""The admin views a portal's people may reach, each with how it is kept to their
portals. Deny by default: a view that is not listed here answers 404 to everyone but
superusers, including every view a new Wagtail or wagtail-localize version adds, until
someone reviews it and adds a rule. tests/tenants/test_admin_rules.py fails on any
admin URL of the resolver that has no rule here and is not in SUPERUSER_ONLY.

What every rule shares: while the view runs, tenants.row_scope limits every query to
the user's portals, so listings, counts, filters, choosers, exports and lookups by id
show nothing else. The kinds below add what the URL itself must satisfy.
"""

import re
from dataclasses import dataclass

# Kinds of rule.
LISTING = "listing"  # lists and searches: scoped querysets only
OWN = "own"  # names objects (path or ?id=) of the user's own portals, whatever the method
READ = "read"  # names objects the user may read (choosers): own, or the province's live pages
ACCOUNT = "account"  # the user's own session and account, and static admin assets
OURS = "ours"  # the project's own views, which check roles themselves


@dataclass(frozen=True)
class Rule:
    kind: str
    why: str = ""


def _rules(kind: str, why: str, *names: str) -> dict:
    return {name: Rule(kind, why) for name in names}


RULES: dict[str, Rule] = {
    **_rules(
        ACCOUNT,
        "signing in and out, one's own account and admin assets",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_account",
        "wagtailadmin_dismissibles",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtail_localize:javascript_catalog",
        "wagtailadmin_choose_page_external_link",
        "wagtailadmin_choose_page_email_link",
        "wagtailadmin_choose_page_phone_link",
        "wagtailadmin_choose_page_anchor_link",
        "wagtailembeds:chooser",
        "wagtailembeds:chooser_upload",
        "wagtailadmin_block_preview",
        "wagtailadmin_editing_sessions:release",
        "core_two_factor_setup",
        "core_two_factor_verify",
        "core_two_factor_devices",
        "otp_webauthn:credential-registration-begin",
        "otp_webauthn:credential-registration-complete",
        "otp_webauthn:credential-authentication-begin",
        "otp_webauthn:credential-authentication-complete",
        "otp_webauthn:js-i18n-catalog",
    ),
    **_rules(
        LISTING,
        "lists the user's portals' rows only (scoped querysets)",
        "wagtailadmin_home",
        "wagtailadmin_explore_root",
        "wagtailadmin_pages:search",
        "wagtailadmin_pages:search_results",
        "wagtailadmin_pages:type_use",
        "wagtailadmin_pages:type_use_results",
        "wagtailadmin_pages:choose_parent",
        "wagtailadmin_choose_page",
        "wagtailadmin_choose_page_search",
        "wagtailadmin_tag_autocomplete",
        "wagtailadmin_tag_model_autocomplete",
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:locked_pages_results",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_results",
        "wagtailadmin_reports:workflow_tasks",
        "wagtailadmin_reports:workflow_tasks_results",
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:site_history_results",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:aging_pages_results",
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
        "wagtailadmin_api:pages:listing",
        "wagtailadmin_api:pages:find",
        "wagtailadmin_api:images:listing",
        "wagtailadmin_api:images:find",
        "wagtailadmin_api:documents:listing",
        "wagtailadmin_api:documents:find",
        "wagtailsnippets:index",
        "wagtaildocs:index",
        "wagtaildocs:index_results",
        "wagtaildocs:add",
        "wagtaildocs:add_multiple",
        "wagtaildocs_chooser:choose",
        "wagtaildocs_chooser:choose_results",
        "wagtaildocs_chooser:create",
        "wagtailimages:index",
        "wagtailimages:index_results",
        "wagtailimages:add",
        "wagtailimages:add_multiple",
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:choose_results",
        "wagtailimages_chooser:create",
        "wagtailsnippets_*:list",
        "wagtailsnippets_*:list_results",
        "wagtailsnippets_*:add",
        "wagtailsnippetchoosers_*:choose",
        "wagtailsnippetchoosers_*:choose_results",
        "wagtailsnippetchoosers_*:create",
        "wagtail_localize:translations_report",
        "wagtail_localize:translations_report_results",
        "wagtailsettings:edit",
    ),
    **_rules(
        READ,
        "names objects to choose or read: the user's portals', or the live pages of the portals above",
        "wagtailadmin_explore",
        "wagtailadmin_explore_results",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_chosen_multiple",
        "wagtailadmin_api:pages:detail",
        "wagtailsnippetchoosers_*:chosen",
        "wagtailsnippetchoosers_*:chosen_multiple",
    ),
    **_rules(
        OWN,
        "names objects of the user's own portals, by path or by ?id=",
        "wagtail_bulk_action",
        "wagtailadmin_api:images:detail",
        "wagtailadmin_api:documents:detail",
        "wagtailadmin_pages:add",
        "wagtailadmin_pages:preview_on_add",
        "wagtailadmin_pages:usage",
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:add_subpage",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:unpublish",
        "wagtailadmin_pages:convert_alias",
        "wagtailadmin_pages:move",
        "wagtailadmin_pages:move_confirm",
        "wagtailadmin_pages:set_page_position",
        "wagtailadmin_pages:copy",
        "wagtailadmin_pages:workflow_action",
        "wagtailadmin_pages:collect_workflow_action_data",
        "wagtailadmin_pages:confirm_workflow_cancellation",
        "wagtailadmin_pages:workflow_preview",
        "wagtailadmin_pages:set_privacy",
        "wagtailadmin_pages:lock",
        "wagtailadmin_pages:unlock",
        "wagtailadmin_pages:revisions_index",
        "wagtailadmin_pages:revisions_view",
        "wagtailadmin_pages:revisions_revert",
        "wagtailadmin_pages:revisions_unschedule",
        "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:workflow_history",
        "wagtailadmin_pages:workflow_history_detail",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:history_results",
        "wagtailadmin_editing_sessions:ping",
        "wagtaildocs:edit",
        "wagtaildocs:delete",
        "wagtaildocs:edit_multiple",
        "wagtaildocs:create_multiple_from_uploaded_document",
        "wagtaildocs:delete_multiple",
        "wagtaildocs:delete_upload_multiple",
        "wagtaildocs:document_usage",
        "wagtaildocs_chooser:chosen",
        "wagtaildocs_chooser:chosen_multiple",
        "wagtailimages:edit",
        "wagtailimages:delete",
        "wagtailimages:url_generator",
        "wagtailimages:url_generator_output",
        "wagtailimages:preview",
        "wagtailimages:image_usage",
        "wagtailimages:edit_multiple",
        "wagtailimages:create_multiple_from_uploaded_image",
        "wagtailimages:delete_multiple",
        "wagtailimages:delete_upload_multiple",
        "wagtailimages_chooser:chosen",
        "wagtailimages_chooser:chosen_multiple",
        "wagtailimages_chooser:select_format",
        "wagtailsnippets_*:edit",
        "wagtailsnippets_*:delete",
        "wagtailsnippets_*:usage",
        "wagtailsnippets_*:history",
        "wagtailsnippets_*:history_results",
        "wagtailsnippets_*:copy",
        "wagtailsettings:edit_pk",
        "wagtailsettings:preview_on_edit",
        "wagtail_localize:submit_page_translation",
        "wagtail_localize:update_translations",
        "wagtail_localize:edit_string_translation",
        "wagtail_localize:edit_override",
        "wagtail_localize:download_pofile",
        "wagtail_localize:upload_pofile",
        "wagtail_localize:preview_translation",
        "wagtail_localize:stop_translation",
        "wagtail_localize:convert_to_alias",
    ),
    **_rules(
        OURS,
        "the project's own screens; each checks the user's portals itself",
        "tenants_add_portal",
        "tenants_portals",
        "tenants_merge_portals",
        "tenants_portal_edit",
        "tenants_portal_archive",
        "citizens_draft_summary",
        "citizens_draft_summary_export",
        "core_network_csv",
        "core_tracker",
        "core_tracker_detail",
        "core_compliance",
        "core_compliance_detail",
        "analytics_index",
        "analytics_portal",
        "analytics_province",
    ),
}

# Reviewed and kept for superusers: they manage the platform itself (users, groups,
# sites, locales, collections, workflows, redirects for every site), or act on objects
# no rule here traces to a portal.
SUPERUSER_ONLY = {
    "wagtailadmin_api:pages:action": "page actions by JSON body; the admin's own forms do the same, with checks",
    "wagtailadmin_collections:*": "collections are made with portals",
    "wagtailadmin_workflows:*": "each portal's workflow is made with it",
    "wagtailusers_users:*": "accounts are managed by the platform's operators",
    "wagtailusers_groups:*": "groups are made with portals",
    "wagtaillocales:*": "languages are set for the platform",
    "wagtailsites:*": "sites are made with portals",
    "wagtailredirects:*": "a redirect without a site would act on every portal",
    "wagtailforms:*": "no page type here collects form submissions",
    "wagtail_localize:submit_snippet_translation": "no portal snippet is translatable",
    "wagtail_localize:machine_translate": "no machine translator is configured; it would send text abroad",
    "wagtail_localize:snippets_api_listing": "lists a snippet model's rows across portals",
    "wagtail_localize:snippets_api_detail": "reads a snippet by id across portals",
    "wagtaildocs_authenticate_with_password": "no collection here is password-protected",
    "wagtailadmin_error_test": "a test view",
}

_WILDCARD = re.compile(r"^(wagtailsnippets|wagtailsnippetchoosers)_[a-z0-9_]+:")


def rule_for(view_name: str | None, kwargs: dict) -> Rule | None:
    if not view_name:
        return None
    if view_name == "wagtailsettings:edit" and "pk" in kwargs:
        view_name = "wagtailsettings:edit_pk"
    rule = RULES.get(view_name)
    if rule is None:
        rule = RULES.get(_WILDCARD.sub(r"\1_*:", view_name))
    return rule


def is_superuser_only(view_name: str) -> bool:
    namespace = view_name.split(":", 1)[0]
    return view_name in SUPERUSER_ONLY or f"{namespace}:*" in SUPERUSER_ONLY
