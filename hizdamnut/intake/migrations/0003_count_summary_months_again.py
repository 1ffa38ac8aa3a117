"""The summary tables gain the figure "responses" (routing decisions by response and by the month of the next
one, for participants by response): every month built before it is counted again."""

from django.db import migrations

from hizdamnut.centers.summaries import count_every_month_again


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0004_summary_tables"),
        ("intake", "0002_intakemeeting_version_referral_version"),
    ]

    operations = [migrations.RunPython(count_every_month_again, migrations.RunPython.noop)]
