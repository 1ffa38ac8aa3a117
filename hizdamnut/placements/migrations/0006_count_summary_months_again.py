"""The summary tables gain the snapshot "accompaniment" (the placement rate's denominator): every month built
before it is counted again."""

from django.db import migrations

from hizdamnut.centers.summaries import count_every_month_again


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0004_summary_tables"),
        ("placements", "0005_placement_start_date_index"),
    ]

    operations = [migrations.RunPython(count_every_month_again, migrations.RunPython.noop)]
