"""Every block renders without a database and escapes what editors type."""

import pytest
from wagtail.blocks import StreamValue

from blocks.atoms import LinkBlock, ParagraphBlock
from blocks.molecules import CalloutBlock, QuoteBlock, TableBlock, VideoBlock
from blocks.organisms import AccordionBlock, SloganBannerBlock, VisitorStatsBlock, WebsiteLinksBlock
from blocks.stream import ArticleBodyBlock

XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def assert_inert(html: str):
    """What an editor typed shows as text: no tag or attribute of it survives."""
    assert "<script" not in html
    assert "onerror=" not in html.replace("onerror=alert(2)&gt;", "")  # escaped text is fine
    assert "<img src=x" not in html


def render(block, raw, context=None):
    return block.render(block.to_python(raw), context or {})


def test_paragraph_renders_rich_text_and_drops_scripts():
    stored = (
        f'<p>Nội dung <b>đậm</b> <a href="https://chinhphu.vn">Chính phủ</a></p><script>alert(1)</script><p>{XSS}</p>'
        '<p><a href="javascript:alert(3)">bấm</a><span onclick="alert(4)">x</span></p>'
    )
    html = render(ParagraphBlock(), stored)
    assert "Nội dung <b>đậm</b>" in html and '<a href="https://chinhphu.vn">Chính phủ</a>' in html
    assert "javascript:" not in html and "onclick" not in html
    assert_inert(html)


def test_quote_escapes_text_and_source():
    html = render(QuoteBlock(), {"text": f"Dòng một\n{XSS}", "source": XSS})
    assert "<blockquote" in html and "Dòng một<br>" in html
    assert_inert(html)


def test_callout_shows_its_kind_and_heading():
    html = render(CalloutBlock(), {"kind": "warning", "heading": XSS, "text": "<p>Mất điện từ 8h</p>"})
    assert 'class="callout callout-warning"' in html and "Mất điện từ 8h" in html
    assert_inert(html)


def test_video_is_a_link_until_the_reader_asks_for_the_player():
    html = render(VideoBlock(), {"url": "https://youtu.be/dQw4w9WgXcQ", "title": XSS, "caption": XSS})
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert 'data-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    iframe = html.split("<iframe", 1)[1].split(">", 1)[0]
    assert iframe.startswith(" hidden") and ' src="' not in iframe
    assert_inert(html)


def test_table_has_header_cells_caption_and_a_scroll_box():
    value = {
        "data": [["Xã", "Số hộ"], [XSS, "120"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Kết quả giám sát",
    }
    html = render(TableBlock(), value)
    assert '<th scope="col"' in html and "<caption>Kết quả giám sát</caption>" in html
    assert 'class="table-scroll" role="region" tabindex="0"' in html
    assert_inert(html)


def test_accordion_works_without_javascript():
    html = render(AccordionBlock(), {"heading": "Hỏi đáp", "items": [{"title": XSS, "body": "<p>Trả lời</p>"}]})
    assert "<details>" in html and "<summary>" in html and "Trả lời" in html
    assert_inert(html)


def test_website_links_as_a_list():
    links = [{"title": XSS, "url": "https://chinhphu.vn"}]
    html = render(WebsiteLinksBlock(), {"heading": "Liên kết website", "display": "list", "links": links})
    assert '<a href="https://chinhphu.vn" rel="noopener">' in html
    assert_inert(html)


def test_website_links_as_a_select_is_a_plain_form():
    class Home:  # the portal's home page, as far as the box needs it
        def get_url(self, request=None):
            return "/"

    links = [{"title": "Cổng Dịch vụ công", "url": "https://dichvucong.gov.vn"}]
    block = WebsiteLinksBlock()
    html = block.render(
        block.to_python({"heading": "Liên kết", "display": "select", "links": links}), {"portal_home": Home()}
    )
    assert '<form action="/lien-ket/" method="get"' in html
    assert '<option value="https://dichvucong.gov.vn">Cổng Dịch vụ công</option>' in html
    assert '<button type="submit">' in html and "<script" not in html


def test_slogan_banner_can_be_paused_and_falls_back_to_the_portal_slogan():
    class Theme:
        class text:
            slogan = "Đoàn kết – Dân chủ – Kỷ cương"

    block = SloganBannerBlock()
    html = block.render(block.to_python({"text": ""}), {"portal_theme": Theme()})
    assert "Đoàn kết – Dân chủ – Kỷ cương" in html
    assert '<input type="checkbox">' in html and "Dừng chữ chạy" in html
    assert_inert(render(block, {"text": XSS}))


def test_visitor_stats_slot_holds_the_live_placeholders():
    html = render(VisitorStatsBlock(), None)
    assert "Thống kê truy cập" in html
    for name in ("total", "online", "week", "month", "year"):
        assert f"<!--an:{name}-->" in html


def test_an_article_body_renders_its_blocks_in_order():
    body = ArticleBodyBlock()
    value = StreamValue(
        body,
        [
            ("paragraph", body.child_blocks["paragraph"].to_python("<p>Mở đầu</p>")),
            ("quote", body.child_blocks["quote"].to_python({"text": "Dân là gốc", "source": ""})),
        ],
    )
    html = body.render(value, {})
    assert html.index("Mở đầu") < html.index("Dân là gốc")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp2://x", "không phải địa chỉ"])
def test_link_block_refuses_what_is_not_a_web_address(url):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        LinkBlock().clean(LinkBlock().to_python({"title": "X", "url": url}))
    assert set(error.value.block_errors) == {"url"}


def test_stored_rich_text_keeps_what_the_editor_makes():
    from blocks.sanitize import clean_stored_rich_text

    stored = (
        '<h2 data-block-key="a1">Mục</h2><p data-block-key="b2">Xem <a linktype="page" id="3">trang</a>, '
        '<a linktype="document" id="7">tệp</a> và <a href="https://chinhphu.vn">cổng</a>.</p>'
        '<embed embedtype="image" id="5" format="fullwidth" alt="Ảnh"/>'
    )
    cleaned = clean_stored_rich_text(stored)
    for kept in ('data-block-key="a1"', 'id="3" linktype="page"', 'id="7" linktype="document"', 'embedtype="image"'):
        assert kept in cleaned  # attributes come out sorted; Wagtail reads them in any order
    assert '<a href="https://chinhphu.vn">cổng</a>' in cleaned


def test_paragraph_is_cleaned_on_its_way_into_the_database():
    block = ParagraphBlock()
    stored = block.get_prep_value(block.to_python('<p>Tốt</p><script>alert(1)</script><p onclick="x()">Xấu</p>'))
    assert stored == "<p>Tốt</p><p>Xấu</p>"
