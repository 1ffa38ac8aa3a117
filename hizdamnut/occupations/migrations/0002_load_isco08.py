from django.db import migrations


def load(apps, schema_editor):
    from hizdamnut.occupations.reference import load_reference

    load_reference(apps.get_model("occupations", "Occupation"), apps.get_model("occupations", "OccupationSynonym"))


class Migration(migrations.Migration):
    dependencies = [("occupations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
