"""Block validation: one clear message, on the field that is wrong."""

import pytest
from django.core.exceptions import ValidationError

from blocks.molecules import CaptionedImageBlock, TableBlock, VideoBlock
from blocks.organisms import AccordionBlock, GalleryImageBlock, WebsiteLinksBlock
from blocks.video import parse_video_url


def errors_of(block, raw):
    with pytest.raises(ValidationError) as raised:
        block.clean(block.to_python(raw))
    return raised.value


def test_video_must_be_youtube_or_vimeo():
    error = errors_of(VideoBlock(), {"url": "https://example.com/clip.mp4", "title": "Hội nghị", "caption": ""})
    assert set(error.block_errors) == {"url"}
    assert "YouTube hoặc Vimeo" in error.block_errors["url"].messages[0]


def test_video_needs_a_title_for_screen_readers():
    error = errors_of(VideoBlock(), {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "", "caption": ""})
    assert set(error.block_errors) == {"title"}


def test_video_accepts_a_good_link():
    block = VideoBlock()
    value = block.clean(block.to_python({"url": "https://vimeo.com/76979871", "title": "Phim", "caption": ""}))
    assert value["url"] == "https://vimeo.com/76979871"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", ("youtube", "dQw4w9WgXcQ")),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_parse_video_url(url, expected):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == expected if expected else video is None


@pytest.mark.parametrize("block", [CaptionedImageBlock(), GalleryImageBlock()], ids=["image", "gallery image"])
def test_image_needs_a_description_or_a_caption(block):
    error = errors_of(block, {"image": None, "alt_text": "", "caption": "", "credit": ""})
    assert set(error.block_errors) == {"image", "alt_text"}  # every problem at once, each on its field
    assert "trình đọc màn hình" in error.block_errors["alt_text"].messages[0]


def test_table_needs_data_and_a_caption():
    empty = {"data": [["", ""], ["", ""]], "first_row_is_table_header": True, "table_caption": "Bảng"}
    assert "chưa có dữ liệu" in errors_of(TableBlock(), empty).messages[0]
    no_caption = {"data": [["Xã", "Số hộ"], ["A", "1"]], "first_row_is_table_header": True, "table_caption": ""}
    assert "tên bảng" in errors_of(TableBlock(), no_caption).messages[0]


def test_accordion_needs_at_least_one_item():
    error = errors_of(AccordionBlock(), {"heading": "Hỏi đáp", "items": []})
    assert set(error.block_errors) == {"items"}


def test_website_links_flags_the_bad_link_only():
    raw = {
        "heading": "Liên kết website",
        "display": "list",
        "links": [{"title": "Tốt", "url": "https://chinhphu.vn"}, {"title": "Xấu", "url": "javascript:alert(1)"}],
    }
    error = errors_of(WebsiteLinksBlock(), raw)
    assert set(error.block_errors) == {"links"}
    assert set(error.block_errors["links"].block_errors) == {1}
