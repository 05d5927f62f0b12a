import os

from django.core.management.base import BaseCommand

from analytics.flush import FAULT_POINTS, flush_all
from analytics.recorder import recorder


class Command(BaseCommand):
    help = "Flush the live view counts from Redis into SQL now (the same code beat runs every minute)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fault",
            choices=FAULT_POINTS,
            help="(fault-injection tests) kill this process at that point, as kill -9 would",
        )

    def handle(self, *args, fault=None, **opts):
        def crash(point):
            if point == fault:
                os._exit(99)

        result = flush_all(recorder(), crash=crash if fault else None)
        self.stdout.write(
            f"Flushed {result['views']} page views from {result['portals']} portals; replayed {result['replayed']}."
        )
