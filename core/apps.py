from django.apps import AppConfig

from tenants.events import portal_created


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = "Nội dung cổng thông tin"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from . import document_text, languages, merging, slugs, wagtail_fixes
        from .page_cache import invalidation

        invalidation.connect()
        document_text.connect()
        merging.connect()
        portal_created.connect(_required_sections, dispatch_uid="sections-of-new-portal")
        _scope_rows()
        wagtail_fixes.install()
        languages.install()
        slugs.install()

        # Embedded default: with no REDIS_URL, bring up the embedded Redis server for
        # this process if nothing answers on its socket yet (e.g. a one-off command).
        if settings.EMBEDDED_REDIS_SOCKET and settings.EMBEDDED_REDIS_AUTOSTART:
            from .embedded_redis import ensure_running

            ensure_running(settings.EMBEDDED_REDIS_SOCKET)


def _required_sections(sender, tenant, home, **kwargs):
    from .sections import ensure_sections

    ensure_sections(home)  # every section the law requires, empty, ready to fill


def _scope_rows():
    """How this app's rows map to portals for the admin's row scope (tenants.row_scope)."""
    from django.db.models import Q
    from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential, WebAuthnUserHandle

    from tenants import row_scope

    from .models import IssuingBody, NewsCategory, Passkey, PasskeyAttestation, ProvinceAlert

    def own_keys(scope, mode):
        return Q(credential__user_id=scope.user_id)

    row_scope.scope_rows(
        {
            NewsCategory: row_scope.portal_owned,
            IssuingBody: row_scope.portal_owned,
            ProvinceAlert: row_scope.portal_owned,
            # An official's second factors are theirs alone, whoever administers them.
            Passkey: row_scope.own_user_rows,
            PasskeyAttestation: own_keys,
            WebAuthnUserHandle: row_scope.own_user_rows,
            # django-otp-webauthn's own tables stay empty (core.Passkey replaces them).
            WebAuthnCredential: row_scope.own_user_rows,
            WebAuthnAttestation: own_keys,
        }
    )
    row_scope.scope_logged(NewsCategory, row_scope.portal_owned)
    row_scope.scope_logged(IssuingBody, row_scope.portal_owned)
    inline = "inline rows of a page, reached from it"
    row_scope.share(
        {
            "core.RelatedArticle": inline,
            "core.FeaturedArticle": inline,
            "core.DirectiveAttachment": inline,
            "core.DirectiveRelation": inline,
            "core.OfficialContact": inline,
            "core.OrganisationUnit": inline,
            "core.InformationAttachment": inline,
            "core.WorkCalendarEntry": inline,
            "core.SupervisedDirective": inline,
            "core.SupervisionSubject": inline,
            "core.DirectiveReminder": "written by beat; no admin view lists it",
            "core.DocumentText": "a document's words, read with the document; no admin view lists it",
        }
    )
