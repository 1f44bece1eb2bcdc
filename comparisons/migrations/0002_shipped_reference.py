"""The population and CPI values shipped in comparisons/data/ (see SOURCES.md there).

Reads the CSV as it is when the migration runs; later changes to the files are loaded
with `manage.py load_reference`."""

from django.db import migrations

from comparisons import reference

TABLES = {"population": ("Population", "residents"), "cpi": ("PriceIndex", "index")}


def load(apps, schema_editor):
    for table, (model_name, value_field) in TABLES.items():
        model = apps.get_model("comparisons", model_name)
        for row in reference.shipped(table):
            model.objects.update_or_create(
                province=row.province,
                city=row.city,
                county=row.county,
                year=row.year,
                defaults={value_field: row.value, "source": row.source, "note": row.note},
            )


class Migration(migrations.Migration):
    dependencies = [("comparisons", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
