"""Moderators write and publish summaries: give the Moderators group that permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    forum = apps.get_app_config("forum")
    forum.models_module = True
    create_permissions(forum, apps=apps, verbosity=0)
    forum.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Moderators")
    permission = Permission.objects.filter(
        content_type__app_label="forum", codename="publish_summary"
    ).first()
    if permission is not None:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0007_summaries"),
        ("moderation", "0002_moderators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
