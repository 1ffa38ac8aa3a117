"""Existing free-text occupations get their ISCO-08 unit group where the classifier recognises them.

The ones it does not recognise keep an empty code; the employers page lists them for a worker to confirm.
"""

from django.db import migrations


def classify(apps, schema_editor):
    from hizdamnut.employers.services import classify_free_text_occupations

    classify_free_text_occupations(
        opening_model=apps.get_model("employers", "JobOpening"),
        profile_model=apps.get_model("employers", "CandidateProfile"),
        occupation_model=apps.get_model("occupations", "Occupation"),
    )


class Migration(migrations.Migration):
    dependencies = [("employers", "0002_occupation_units"), ("occupations", "0002_load_isco08")]

    operations = [migrations.RunPython(classify, migrations.RunPython.noop)]
