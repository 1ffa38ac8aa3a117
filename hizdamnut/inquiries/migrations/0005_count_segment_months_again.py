"""A population filter now counts an inquiry at the center that received it even when the person it is linked to
is registered at another center: the segments' months built before counted only the people of the centers being
built, so every segment month is counted again (the whole population's months count every inquiry, as before)."""

from django.db import migrations
from django.db.models import F


def count_segment_months_again(apps, schema_editor):
    month = apps.get_model("centers", "SummaryMonth")
    (month.objects.using(schema_editor.connection.alias).exclude(segment="")
     .update(version=F("version") + 1))


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0005_summary_segments"),
        ("inquiries", "0004_indicator_indexes"),
    ]

    operations = [migrations.RunPython(count_segment_months_again, migrations.RunPython.noop)]
