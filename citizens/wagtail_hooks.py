"""«Hỏi đáp» in the admin: each portal's moderators answer its citizens' questions."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from tenants.snippets import TenantOwnedSnippetViewSet

from .models import DraftComment, Question


class AnswerOnlyPolicy(ModelPermissionPolicy):
    """Questions and comments come from citizens, through the portal's forms; nobody adds one here."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class QuestionViewSet(TenantOwnedSnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Hỏi đáp")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["tracking_code", "topic", "status", "created_at"]
    list_filter = ["status", "topic"]
    # Searched through Question.search_fields (question, answer, tracking code): naming
    # fields here makes the SQLite backend look for columns its index does not have.
    inspect_view_enabled = False
    copy_view_enabled = False


class DraftCommentViewSet(TenantOwnedSnippetViewSet):
    model = DraftComment
    icon = "comment"
    menu_label = _("Góp ý dự thảo")
    add_to_admin_menu = True
    menu_order = 251
    list_display = ["draft", "part", "status", "created_at"]
    list_filter = ["status"]
    search_fields = None
    inspect_view_enabled = False
    copy_view_enabled = False


register_permission_policy(Question, AnswerOnlyPolicy(Question))
register_permission_policy(DraftComment, AnswerOnlyPolicy(DraftComment))
register_snippet(QuestionViewSet)
register_snippet(DraftCommentViewSet)


@hooks.register("register_admin_urls")
def register_draft_summary_urls():
    from . import draft_summary

    return [
        path("gop-y-du-thao/tong-hop/", draft_summary.index, name="citizens_draft_summary"),
        path("gop-y-du-thao/tong-hop/<int:page_id>/", draft_summary.export, name="citizens_draft_summary_export"),
    ]
