"""View counting and visitor statistics: Redis counters, flush to SQL, reports."""
