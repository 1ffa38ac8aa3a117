"""The summary tables gain the figure "advancement" (recorded follow-ups by the month of the placement's next
one): every month built before it lacks its cells, so each is marked stale and counted again on its next read (or
by `manage.py refresh_summaries`)."""

from django.db import migrations
from django.db.models import F


def count_again(apps, schema_editor):
    SummaryMonth = apps.get_model("centers", "SummaryMonth")
    SummaryMonth.objects.using(schema_editor.connection.alias).update(version=F("version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0004_summary_tables"),
        ("placements", "0006_count_summary_months_again"),
    ]

    operations = [migrations.RunPython(count_again, migrations.RunPython.noop)]
