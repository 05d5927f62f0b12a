"""Ids submitted in forms are checked against the request's scope.

A form's choices (select boxes, chooser fields, inline rows) are querysets, which
tenants.row_scope limits to the user's portals, so an id from elsewhere fails the
field's own validation. This module makes that failure say so in Vietnamese, on the
field, without echoing the id or the other portal's name; and does the same for the
chooser blocks inside StreamFields, which Wagtail would otherwise silently drop.
"""

from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceField, ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _

NOT_YOURS = _("Mục đã chọn không thuộc cổng của bạn hoặc không còn tồn tại.")


class Refused:
    """A chooser block's value whose id named nothing the user may choose."""

    pk = None

    def __bool__(self):
        return False


def install():
    from wagtail.blocks.field_block import ChooserBlock

    ModelChoiceField.default_error_messages["invalid_choice"] = NOT_YOURS
    ModelMultipleChoiceField.default_error_messages["invalid_choice"] = NOT_YOURS
    ModelMultipleChoiceField.default_error_messages["invalid_pk_value"] = NOT_YOURS

    original_from_datadict = ChooserBlock.value_from_datadict
    original_clean = ChooserBlock.clean
    original_form_state = ChooserBlock.get_form_state
    original_prep = ChooserBlock.get_prep_value

    def value_from_datadict(self, data, files, prefix):
        raw = self.widget.value_from_datadict(data, files, prefix)
        value = original_from_datadict(self, data, files, prefix)
        if value is None and raw not in (None, ""):
            return Refused()
        return value

    def clean(self, value):
        if isinstance(value, Refused):
            raise ValidationError(NOT_YOURS)
        return original_clean(self, value)

    def get_form_state(self, value):
        return original_form_state(self, None if isinstance(value, Refused) else value)

    def get_prep_value(self, value):
        return original_prep(self, None if isinstance(value, Refused) else value)

    ChooserBlock.value_from_datadict = value_from_datadict
    ChooserBlock.clean = clean
    ChooserBlock.get_form_state = get_form_state
    ChooserBlock.get_prep_value = get_prep_value
