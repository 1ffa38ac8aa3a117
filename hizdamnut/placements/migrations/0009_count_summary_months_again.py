"""The summary tables gain the figure "unrecorded" (follow-ups not recorded, by the month they fall due in, for the
caseload per center): every month built before it is counted again."""

from django.db import migrations

from hizdamnut.centers.summaries import count_every_month_again


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0004_summary_tables"),
        ("placements", "0008_count_summary_months_again"),
    ]

    operations = [migrations.RunPython(count_every_month_again, migrations.RunPython.noop)]
