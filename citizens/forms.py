"""The question form citizens fill in on a portal."""

import re

from django import forms
from django.core.validators import MinLengthValidator
from django.utils.translation import gettext_lazy as _

from . import spam
from .models import DraftComment, Question

PHONE = re.compile(r"^\+?[0-9 .()-]{8,15}$")


def checked_contact(value: str) -> str:
    """An e-mail address or a phone number, or a Vietnamese reason why not."""
    contact = value.strip()
    if "@" in contact:
        forms.EmailField().clean(contact)
    elif not PHONE.match(contact):
        raise forms.ValidationError(_("Nhập một địa chỉ thư điện tử hoặc một số điện thoại, ví dụ 0263 3822 000."))
    return contact


def at_least(field, length: int):
    """A minimum length on a model form's field (the model has none to give it)."""
    field.min_length = length
    field.validators.append(MinLengthValidator(length))


class QuestionForm(forms.ModelForm):
    website = forms.CharField(required=False, label=_("Để trống ô này"))  # the honeypot
    challenge_token = forms.CharField(required=False, widget=forms.HiddenInput)
    challenge_answer = forms.CharField(required=False, max_length=4, label=_("Kết quả phép tính"))

    class Meta:
        model = Question
        fields = ["topic", "question", "name", "contact"]
        labels = {"name": _("Họ tên (không bắt buộc)")}
        widgets = {"question": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, challenge: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.fields["contact"].required = True
        at_least(self.fields["question"], 20)
        if challenge and not self.is_bound:
            self.challenge_text, token = spam.new_challenge()
            self.initial["challenge_token"] = token
        elif challenge:
            self.challenge_text = None  # a new sum is shown if the answer is wrong

    def clean_contact(self):
        return checked_contact(self.cleaned_data["contact"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Không gửi được câu hỏi này. Xin vui lòng thử lại."))
        if self.challenge and not spam.challenge_passed(
            cleaned.get("challenge_token", ""), cleaned.get("challenge_answer")
        ):
            self.add_error("challenge_answer", _("Kết quả phép tính chưa đúng; xin tính lại phép tính mới."))
            self.challenge_text, token = spam.new_challenge()
            self.data = self.data.copy()
            self.data["challenge_token"] = token
            self.data["challenge_answer"] = ""
        return cleaned


class DraftCommentForm(forms.ModelForm):
    """A comment on a draft: the same spam rules as a question, contact optional."""

    website = forms.CharField(required=False, label=_("Để trống ô này"))  # the honeypot

    class Meta:
        model = DraftComment
        fields = ["part", "comment", "name", "contact"]
        labels = {"name": _("Họ tên hoặc tổ chức (không bắt buộc)"), "contact": _("Liên hệ (không bắt buộc)")}
        widgets = {"comment": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        at_least(self.fields["comment"], 20)

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        return checked_contact(contact) if contact else contact  # optional here

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Không gửi được góp ý này. Xin vui lòng thử lại."))
        return cleaned
