from hitcount.models import HitCount
from hitcount.views import HitCountMixin
from wagtail import hooks


@hooks.register("before_serve_page")
def count_with_hitcount(page, request, serve_args, serve_kwargs):
    # What HitCountDetailView does for its object: look up (or create) the page's
    # counter, then record the hit (session, blacklists, active-hit check, Hit row, +1).
    hit_count = HitCount.objects.get_for_object(page)
    HitCountMixin.hit_count(request, hit_count)
    request.hitcount_hits = hit_count.hits
