"""Name the site "Agora" so that account mail does not greet people from "example.com"."""

from django.db import migrations


def name_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=1, defaults={"name": "Agora", "domain": "127.0.0.1:8000"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
