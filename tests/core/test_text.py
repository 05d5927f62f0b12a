from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from core.dates import published_time, vietnamese_datetime
from core.text import fold, leading_number, number_key

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Giám sát", "giam sat"),
        ("Đảng ủy", "dang uy"),
        ("ĐẠ TẺH", "da teh"),
        ("Nghị quyết Trung ương 4 khóa XII", "nghi quyet trung uong 4 khoa xii"),
        ("", ""),
    ],
)
def test_fold_removes_marks_and_maps_d_stroke(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("spelling", ["24-CT/TU", "24/CT-TU", "24 CT TU", "24-ct/tu", " 24 – CT / TU "])
def test_number_spellings_share_one_key(spelling):
    assert number_key(spelling) == "24CTTU"


def test_number_key_folds_vietnamese_letters():
    assert number_key("893-QĐ/HU") == "893QDHU"
    assert leading_number("893-QĐ/HU") == 893
    assert leading_number("CT/TU") is None


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2023, 9, 14, 11, 2, tzinfo=HCM), "14/09/2023 11:02 SA"),
        (datetime(2023, 9, 14, 0, 5, tzinfo=HCM), "14/09/2023 12:05 SA"),
        (datetime(2023, 9, 14, 12, 0, tzinfo=HCM), "14/09/2023 12:00 CH"),
        (datetime(2023, 9, 14, 21, 30, tzinfo=HCM), "14/09/2023 09:30 CH"),
        # Stored in UTC, shown in Vietnam's time.
        (datetime(2023, 9, 14, 4, 2, tzinfo=ZoneInfo("UTC")), "14/09/2023 11:02 SA"),
    ],
)
def test_vietnamese_datetime(moment, shown):
    assert vietnamese_datetime(moment) == shown


def test_published_time_follows_the_active_language():
    moment = datetime(2023, 9, 14, 11, 2, tzinfo=HCM)
    with translation.override("vi"):
        assert published_time(moment) == "14/09/2023 11:02 SA"
    with translation.override("en"):
        english = published_time(moment)
    assert "2023" in english and "SA" not in english
