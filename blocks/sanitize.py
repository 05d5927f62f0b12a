"""Rich text as stored (Wagtail's database format) cleaned down to what our editors'
toolbar can produce. The admin's editor already cleans what it saves; this also covers
text that arrived another way (imports, scripts, the API), so a stored script or
javascript: link never reaches a reader."""

from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

TEXT_TAGS = ("p", "h2", "h3", "h4", "b", "i", "strong", "em", "ol", "ul", "li", "br", "hr", "blockquote")


class StoredRichTextWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        # data-block-key: Draftail's id for each block, which anchors editors' comments.
        **dict.fromkeys(TEXT_TAGS, attribute_rule({"data-block-key": True})),
        # Links: web addresses (not javascript:), or Wagtail's page/document references.
        "a": attribute_rule({"href": check_url, "linktype": True, "id": True}),
        "embed": attribute_rule({"embedtype": True, "id": True, "format": True, "alt": True, "url": check_url}),
    }

    def clean_tag_node(self, doc, tag):
        if tag.name in ("script", "style", "iframe", "object", "template"):
            tag.decompose()  # their content is code, not text
            return
        super().clean_tag_node(doc, tag)


_whitelister = StoredRichTextWhitelister()


def clean_stored_rich_text(source: str) -> str:
    return _whitelister.clean(source or "")
