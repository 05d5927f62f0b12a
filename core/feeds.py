"""RSS 2.0 and Atom feeds of a portal's news, with the portal's own hostname in every URL."""

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_CLASSES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


def article_feed(index_page, request, articles, kind):
    site_url = index_page.get_full_url(request)
    feed = FEED_CLASSES[kind](
        title=f"{index_page.title} | {request.tenant.name}",
        link=site_url,
        description=index_page.specific.intro or index_page.title,
        language="vi",
        feed_url=f"{site_url}{kind}/",
    )
    for article in articles:
        url = article.get_full_url(request)
        feed.add_item(
            title=article.title,
            link=url,
            description=article.lead,
            pubdate=article.published_at,
            unique_id=url,
        )
    return feed
