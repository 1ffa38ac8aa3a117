"""Who the center serves is now counted over the placement rate's population (in active accompaniment during the
period) and read from the summary tables: the snapshot "accompaniment" and the figure "reopened" gain the keys of
region residents and file holders, so every month built before is counted again."""

from django.db import migrations

from hizdamnut.centers.summaries import count_every_month_again


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0005_summary_segments"),
        ("placements", "0010_follow_up_recorded_by_day"),
    ]

    operations = [migrations.RunPython(count_every_month_again, migrations.RunPython.noop)]
