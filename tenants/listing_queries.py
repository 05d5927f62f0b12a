"""The page explorer's queries, made to cost the same for a section of 500 pages in a
province of 100,000 as for a small one.

**Owner and "edited by" filters.** Wagtail offers as choices the users who own a page
(or edited one): `id IN (SELECT DISTINCT owner_id FROM page)`, which reads every page the
person may see (all 100,000 for a provincial admin, 0.1-0.3 s) to list a handful of
people. Asked the other way round, "users for whom such a page exists", the database
starts from the few users in scope and probes the owner (editor) index for each.

**Delete and move buttons.** For a user who may change but not publish, each row asks
whether the page or anything below it is live, one query per row and per button (two
per row: "move" asks the same question as "delete"). A leaf page has nothing below it:
the answer is the page's own `live`, already loaded.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef


def _page_owners(request):
    from wagtail.models import Page

    return get_user_model().objects.filter(Exists(Page.objects.filter(owner=OuterRef("pk"))))


def _page_editors(request):
    from wagtail.models import PageLogEntry

    return get_user_model().objects.filter(
        Exists(PageLogEntry.objects.filter(action="wagtail.edit", user_id=OuterRef("pk")))
    )


def _install_user_filters():
    from wagtail.admin.views.pages.listing import PageFilterSet

    # Subclasses (the generic page listing's filter set) share these filter objects.
    PageFilterSet.declared_filters["owner"].queryset = _page_owners
    PageFilterSet.declared_filters["edited_by"].queryset = _page_editors


def _install_leaf_deletion():
    from wagtail.models import PagePermissionTester

    can_delete = PagePermissionTester.can_delete

    def leaf_aware_can_delete(self, ignore_bulk=False):
        if (
            self.user.is_active
            and not self.user.is_superuser
            and not self.page_is_root
            and self.page.is_leaf()
            and "change" in self.permissions
            and "publish" not in self.permissions
        ):
            # Wagtail: allowed unless the page or a page below it is live.
            return not self.page.live
        return can_delete(self, ignore_bulk)

    PagePermissionTester.can_delete = leaf_aware_can_delete


def install():
    _install_user_filters()
    _install_leaf_deletion()
    _install_translation_annotations()


# --- wagtail-localize's "Translate this page" and "Sync translated pages" ----------------
# For each row, wagtail-localize asks whether a locale is still missing and whether the
# page is the source of enabled translations: two queries per row (100 for a page of
# the explorer). The explorer's query answers both for its rows, as two subqueries that
# the database runs for the 50 rows it returns; the buttons read them from the row.
UNTRANSLATED = "_localize_untranslated"
SOURCE_ID = "_localize_source_id"


def _annotate_translation_state(pages):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page
    from wagtail_localize.models import TranslationSource

    translated_locales = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    sources = TranslationSource.objects.filter(
        object__translation_key=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    )
    return pages.annotate(
        **{
            UNTRANSLATED: Exists(Locale.objects.exclude(id__in=translated_locales)),
            SOURCE_ID: sources.order_by().values("pk")[:1],
        }
    )


def _install_translation_annotations():
    from wagtail.admin.views.pages.listing import PageListingMixin

    annotate_queryset = PageListingMixin.annotate_queryset

    def annotate_with_translation_state(self, pages):
        pages = annotate_queryset(self, pages)
        return _annotate_translation_state(pages) if self.i18n_enabled else pages

    PageListingMixin.annotate_queryset = annotate_with_translation_state


def _translation_buttons(original):
    """wagtail-localize's page buttons, reading the row's annotations when it has them
    (the same conditions, labels and URLs as its own); otherwise its own code."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from django.utils.translation import gettext as _
    from wagtail.admin.widgets import ListingButton

    def buttons(page, user, view_name=None, next_url=None):
        if not hasattr(page, UNTRANSLATED):
            yield from original(page, user, view_name=view_name, next_url=next_url)
            return
        if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
            return
        if getattr(page, UNTRANSLATED):
            url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
            yield ListingButton(_("Translate this page"), url, priority=60, icon_name="wagtail-localize-language")
        source_id = getattr(page, SOURCE_ID)
        if source_id is not None:
            url = reverse("wagtail_localize:update_translations", args=[source_id])
            if next_url is not None:
                url += "?" + urlencode({"next": next_url})
            yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")

    return buttons


def install_translation_buttons():
    """Called from tenants.wagtail_hooks, once wagtail-localize has registered its hooks."""
    import wagtail_localize.wagtail_hooks as localize_hooks
    from wagtail import hooks

    original = localize_hooks.page_listing_more_buttons
    replacement = _translation_buttons(original)
    for hook_name in ("register_page_listing_more_buttons", "register_page_header_buttons"):
        registered = hooks._hooks.get(hook_name, [])
        registered[:] = [(replacement if fn is original else fn, order) for fn, order in registered]


# --- the page chooser's rows --------------------------------------------------------------
# Browsing the chooser (the province's root lists a home per portal) rendered each row's
# status with a query for its approved schedule and one for a workflow in progress, and
# read its locale again (the specific pages lose the select_related). Wagtail's explorer
# answers the first two with its own queryset annotations; the chooser now does too.
BROWSE_VIEWS = {"wagtailadmin_choose_page", "wagtailadmin_choose_page_child"}


def chooser_rows(pages, request):
    """construct_page_chooser_queryset: for browsing only (search results are a search
    backend's queryset, not annotated)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in BROWSE_VIEWS:
        return pages
    return pages.annotate_approved_schedule().prefetch_workflow_states().prefetch_related("locale")
