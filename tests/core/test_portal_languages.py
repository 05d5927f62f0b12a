"""A real English version, and languages chosen per portal: a language has addresses,
a switcher entry and a sitemap entry on a portal only if the portal offers it and the
page is translated; its interface is in that language (or Vietnamese, for K'Ho)."""

import pytest
from wagtail.models import Locale

from themes.models import ThemeSettings


def translate(page, code):
    """A published translation of `page` (and of its parents, as Wagtail requires)."""
    locale = Locale.objects.get(language_code=code)
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.save_revision().publish()
    return translated


def offer(tenant, languages: str):
    settings = ThemeSettings.objects.get(site=tenant.site)
    settings.languages = languages
    settings.save()


@pytest.fixture
def dateh_home(demo_province):
    return demo_province[1].home_page.specific


def test_a_portal_with_no_english_home_has_no_english_address(client, demo_province):
    assert client.get("/en/", HTTP_HOST="dateh.test").status_code == 404
    assert client.get("/en/tin-tuc/", HTTP_HOST="dateh.test").status_code == 404


def test_the_english_home_is_english_and_links_to_its_vietnamese_page(client, dateh_home):
    translate(dateh_home, "en")
    english = client.get("/en/", HTTP_HOST="dateh.test")
    html = english.content.decode()
    assert english.status_code == 200 and '<html lang="en">' in html
    assert "Skip to main content" in html and "Bỏ qua, tới nội dung chính" not in html  # English interface
    assert 'hreflang="vi"' in html and 'lang="vi">Tiếng Việt</a>' in html
    vietnamese = client.get("/", HTTP_HOST="dateh.test").content.decode()
    assert 'href="/en/"' in vietnamese and 'hreflang="en"' in vietnamese


def test_english_dates_read_as_english_does(settings):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation

    from core.dates import published_time, short_date

    moment = datetime(2023, 9, 14, 11, 2, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with translation.override("en"):
        assert published_time(moment) == "14 September 2023, 11:02"
        assert short_date(moment.date()) == "14 September 2023"
    with translation.override("vi"):
        assert short_date(moment.date()) == "14/09/2023"


def test_a_portal_can_turn_english_off_and_khoo_on(client, dateh_home, demo_province):
    _province, dateh, _cattien = demo_province
    translate(dateh_home, "en")
    translate(dateh_home, "kpm")
    offer(dateh, "kpm")
    assert client.get("/en/", HTTP_HOST="dateh.test").status_code == 404
    khoo = client.get("/kpm/", HTTP_HOST="dateh.test")
    html = khoo.content.decode()
    assert khoo.status_code == 200 and '<html lang="kpm">' in html
    assert "Bỏ qua, tới nội dung chính" in html  # no K'Ho interface catalog: Vietnamese
    vietnamese = client.get("/", HTTP_HOST="dateh.test").content.decode()
    assert 'hreflang="kpm"' in vietnamese and 'hreflang="en"' not in vietnamese
    sitemap = client.get("/sitemap.xml", HTTP_HOST="dateh.test").content.decode()
    assert "/kpm/" in sitemap and "/en/" not in sitemap


def test_the_admin_offers_only_the_portals_languages_to_translate_into(client, demo_province):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from tenants.roles import Role

    _province, dateh, _cattien = demo_province
    offer(dateh, "kpm")
    moderator = get_user_model().objects.create_user("dateh.dich", password="x")
    moderator.groups.add(dateh.groups.get(role=Role.MODERATOR).group)
    client.force_login(moderator)
    url = reverse("wagtail_localize:submit_page_translation", args=[dateh.site.root_page_id])
    html = client.get(url, HTTP_HOST="dateh.test").content.decode()
    kpm, en = (Locale.objects.get(language_code=code).pk for code in ("kpm", "en"))
    assert f'value="{kpm}"' in html and f'value="{en}"' not in html


def test_no_interface_string_of_ours_stays_vietnamese_on_the_english_pages(
    client, demo_province, django_capture_on_commit_callbacks
):
    """Every msgid of ours is Vietnamese; on /en/ none may come out untranslated (a lazy
    string evaluated too early, a fragment cached in the wrong language; a msgid with no
    English at all fails tests/i18n/test_catalogs.py). The home is translated as the demo
    does it (its website-links box is content: its heading and links are the editor's);
    the rest of the pages' own content (the title, the article, the header links a
    portal sets per language) is left out: the skip link, tools, search, switcher,
    statistics box labels and footer labels are read."""
    import re
    from pathlib import Path

    import polib

    from core.demo_content.english import translate_portal

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translate_portal(demo_province[1])
    catalog = polib.pofile(str(Path(__file__).resolve().parents[2] / "core/locale/en/LC_MESSAGES/django.po"))
    # Whole msgids of two or more words that English renders differently.
    ours = {e.msgid for e in catalog if " " in e.msgid and e.msgstr and e.msgstr != e.msgid and "%" not in e.msgid}
    html = client.get("/en/", HTTP_HOST="dateh.test").content.decode()
    interface = html.split("</head>", 1)[1]  # the title and description are the page's
    for content in (r"<main.*?</main>", r'<nav class="header-links".*?</nav>'):
        interface = re.sub(content, "", interface, flags=re.S)
    interface = re.sub(r"<[^>]+>", " ", interface)
    text = " ".join(interface.split())
    left = sorted(msgid for msgid in ours if msgid in text)
    assert not left, left
    assert "Skip to main content" in text


def test_leaders_and_units_are_translated_with_their_page_names_and_numbers_are_not(demo_province):
    """What a translator is given for the organisation page: each leader's position and
    each unit's name, head and address; never a person's name, a phone or an e-mail."""
    from wagtail_localize.models import TranslationSource

    from core.models import OfficialContact, OrganisationPage

    _province, dateh, cattien = demo_province
    organisation = OrganisationPage.objects.descendant_of(dateh.site.root_page).get()
    assert {c.locale.language_code for c in organisation.contacts.all()} == {"vi"}
    source, _created = TranslationSource.get_or_create_from_instance(organisation)
    strings = set(source.stringsegment_set.values_list("string__data", flat=True))
    assert {"Bí thư Huyện ủy", "Ủy ban Kiểm tra", "Chánh Văn phòng"} <= strings
    contact = organisation.contacts.first()
    assert contact.name not in strings and contact.phone not in strings
    # Its units' addresses are Đạ Tẻh's; nothing of Cát Tiên's page comes with it.
    assert any("Đạ Tẻh" in text for text in strings) and not any("Cát Tiên" in text for text in strings)
    cattien_page = OrganisationPage.objects.descendant_of(cattien.site.root_page).get()
    assert OfficialContact.objects.filter(page=cattien_page).exists()
