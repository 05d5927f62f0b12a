"""The H peer of bench/versus_hitcount.py: django-hitcount counting every page Wagtail serves,
the way a hitcount site counts in its detail view (HitCountMixin.hit_count)."""
