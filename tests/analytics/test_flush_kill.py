"""kill -9 of real flush processes at random moments: nothing lost, nothing counted twice.

test_flush.py injects crashes in-process; here each flush is `manage.py flush_analytics`
in its own process, killed by the kernel (SIGKILL) at a random moment or dying at a
fault point with os._exit, both mid-claim and between the commit and the release.
The database must be committed for those processes to see it, hence a transactional
test; serialized_rollback puts the migrations' data (locales, root page) back for it.
"""

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Sum

from analytics.flush import FAULT_POINTS, flush_all
from analytics.models import PageViewTotal, PortalDayStats
from analytics.recorder import recorder

ROUNDS = 10
PAGES = 1_500  # distinct pages per portal and round: a flush long enough to be killed inside
FIRST_PAGE_ID = 10_000_000  # counters need no page rows; keep clear of real ones


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    login = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def flush_process(fault=None) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "core.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "REDIS_KEY_PREFIX": settings.REDIS_KEY_PREFIX,
    }
    command = [sys.executable, "manage.py", "flush_analytics", *(["--fault", fault] if fault else [])]
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def record_views(portals, rng, expected: Counter):
    """Record a round of views straight into the counters: one new visitor per view."""
    rec = recorder()
    pipe = rec.client.pipeline(transaction=False)
    for tenant in portals:
        for page_id in rng.sample(range(FIRST_PAGE_ID, FIRST_PAGE_ID + PAGES * 2), PAGES):
            visitor = f"v{rng.getrandbits(64):x}"
            pipe.evalsha(rec._registered.sha, 0, *rec.script_args(tenant.pk, True, visitor, page_id))
            expected[(tenant.pk, page_id)] += 1
    rec.client.script_load(rec._registered.script)
    pipe.execute()


def kill_at_random(process, claim_keys, rng) -> str:
    """SIGKILL the flush a random moment after its first claim appears (or, one round
    in three, a random moment after it started, which may be before it claims)."""
    client = recorder().client
    started = time.monotonic()
    if rng.random() < 1 / 3:
        time.sleep(rng.uniform(0.2, 2.5))
    else:
        pending = {key for key in claim_keys if client.exists(key)}  # left by an earlier kill
        while process.poll() is None and not any(client.exists(k) for k in claim_keys if k not in pending):
            if time.monotonic() - started > 60:
                break
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.12))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return "killed" if process.returncode == -signal.SIGKILL else "finished"


# Alone: beside the rest of the suite in parallel processes (pytest-xdist) it lost most
# views twice in four runs, never when run by itself (cause not found yet: the other
# processes use other databases and other Redis keys).
@pytest.mark.slow
@pytest.mark.alone
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flushes_killed_at_random_neither_lose_nor_double_count(dateh, cattien):
    portals = [dateh, cattien]
    rng = random.Random(int(os.environ.get("KILL_TEST_SEED", "24")))
    expected = Counter()
    claim_keys = [recorder().base(t.pk) + "c" for t in portals]
    outcomes = Counter()
    for _ in range(ROUNDS):
        record_views(portals, rng, expected)
        how = rng.choice(["kill", "kill", *FAULT_POINTS])
        if how == "kill":
            outcome = kill_at_random(flush_process(), claim_keys, rng)
            if outcome == "killed" and any(recorder().client.exists(k) for k in claim_keys):
                outcome = "killed holding a claim"
        else:
            process = flush_process(fault=how)
            process.wait(timeout=120)
            assert process.returncode == 99, process.stderr.read().decode()
            outcome = f"died {how}"
        outcomes[outcome] += 1

    final = flush_process()
    assert final.wait(timeout=120) == 0, final.stderr.read().decode()
    flush_all(recorder())  # a second flush finds nothing left to add

    stored = Counter(
        {
            (row.tenant_id, row.page_id): row.views
            for row in PageViewTotal.objects.filter(tenant__in=portals, page_id__gte=FIRST_PAGE_ID)
        }
    )
    lost = {key: n - stored[key] for key, n in expected.items() if stored[key] < n}
    doubled = {key: stored[key] - n for key, n in expected.items() if stored[key] > n}
    assert not lost and not doubled, f"{len(lost)} pages lost views, {len(doubled)} counted twice ({outcomes})"
    for tenant in portals:
        day_views = PortalDayStats.objects.filter(tenant=tenant).aggregate(n=Sum("page_views"))["n"]
        assert day_views == sum(n for (t, _), n in expected.items() if t == tenant.pk)
    # Report what was tried: the kills must have landed inside flushes, not only around them.
    print(f"\n{ROUNDS} rounds, {sum(expected.values())} views over {len(expected)} pages: {dict(outcomes)}")
    assert outcomes["killed holding a claim"] + outcomes["died after_claim"] + outcomes["died after_commit"] >= 3
