from django.db import migrations


def load_reference(apps, schema_editor):
    from hizdamnut.centers.reference import load

    load(apps.get_model("centers", "Region"), apps.get_model("centers", "City"))


class Migration(migrations.Migration):
    dependencies = [("centers", "0001_initial")]
    operations = [migrations.RunPython(load_reference, migrations.RunPython.noop)]
