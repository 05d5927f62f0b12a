"""Whatever a reader (or a robot) puts in the query string of a public page, the answer
is a page or a 4xx, never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PATHS = ["/", "/tin-tuc/", "/van-ban/", "/tim-kiem/", "/tin-tuc/rss/", "/lien-ket/", "/sitemap.xml"]
KNOWN = ["page", "q", "so", "loai", "coquan", "nam", "tinhtrang", "chuyen-muc", "url", "utm_source", "fbclid"]
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)
values = st.one_of(
    text, st.integers(-(10**12), 10**12).map(str), st.sampled_from(["", "0", "-1", "1e9", "%00", "24-CT/TU"])
)
queries = st.lists(st.tuples(st.one_of(st.sampled_from(KNOWN), text), values), max_size=6)


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(PATHS), query=queries)
def test_no_query_string_makes_a_public_page_fail(client, demo_province, path, query):
    response = client.get(path, dict(query) if query else {}, HTTP_HOST="dateh.test")
    assert response.status_code < 500, (path, query, response.status_code)
