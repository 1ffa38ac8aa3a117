from django.db import migrations


def seed(apps, schema_editor):
    from hizdamnut.programs.catalog import check_catalog, read_catalog

    Program = apps.get_model("programs", "Program")
    items = read_catalog()
    assert not check_catalog(items)
    for item in items:
        Program.objects.update_or_create(code=item["code"], defaults={
            "kind": item["kind"], "name_he": item["name_he"], "name_en": item["name_en"],
            "description_he": item.get("description_he", ""), "description_en": item.get("description_en", ""),
            "eligibility": item.get("eligibility", []), "default_capacity": item.get("capacity", 15),
        })


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
