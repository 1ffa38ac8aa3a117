from django.db import migrations


def seed(apps, schema_editor):
    from hizdamnut.directory.seed import seed_services

    seed_services(apps.get_model("directory", "CommunityService"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
