"""The participant's records of each kind, read once per page and shared by the file and the timeline.

The file's sections and summaries and the timeline's sources often show the same rows: the recent meetings and
every meeting on the timeline, the candidacies in the employment section and their stages on the timeline. So
each app writes, once per kind, a reader `read(user, participant) -> list` that fetches the participant's rows
with everything its sections and sources use (select_related / prefetch_related, a fixed number of queries),
and they ask the page's `Records` for the rows: `records.of(read)`. The first ask runs the reader, the others get
the same list (shared: take a slice or filter it, never change it in place).

A `Records` lives for one request: the view makes one and hands it to `file_for` and `timeline_for`, so nothing
read is kept across a write.
"""


class Records:
    def __init__(self, user, participant):
        self.user, self.participant = user, participant
        self._rows = {}

    def of(self, read):
        """The participant's rows that `read` selects, read on the first ask."""
        if read not in self._rows:
            self._rows[read] = list(read(self.user, self.participant))
        return self._rows[read]
