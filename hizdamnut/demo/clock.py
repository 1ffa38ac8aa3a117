"""Time travel for the demo: the services see "now" as the day each event of the history happened.

The services refuse what cannot be true on the day they run (a held meeting in the future, a new cohort's
session in the past…), and they read the day from `django.utils.timezone.now()` (`localdate()` calls it too,
and so do `auto_now_add` fields). The demo builds months of history by entering each event *as of* its date:
the service runs exactly as if staff had entered it that day, with every rule checked.

Only `seed_demo` uses this, in one thread, inside its own transaction: the patch is process-wide while it lasts.
"""

import contextlib
import datetime

from django.utils import timezone


class DemoClock:
    """A settable "now" that replaces `timezone.now` while the demo is built."""

    def __init__(self, today, hour=18):
        self.today = today
        self.current = self.at(today, hour)

    @staticmethod
    def at(day, hour=12, minute=0):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    def now(self):
        return self.current

    @contextlib.contextmanager
    def on(self, day, hour=12, minute=0):
        """Runs the block as of `day` at `hour` (a datetime is taken as it is), then goes back to where it was."""
        moment = day if isinstance(day, datetime.datetime) else self.at(day, hour, minute)
        previous, self.current = self.current, moment
        try:
            yield moment
        finally:
            self.current = previous


@contextlib.contextmanager
def travelling(today):
    """Replaces `django.utils.timezone.now` by a demo clock standing on `today` (end of the working day)."""
    clock = DemoClock(today)
    real_now = timezone.now
    timezone.now = clock.now
    try:
        yield clock
    finally:
        timezone.now = real_now
