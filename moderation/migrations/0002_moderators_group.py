"""The Moderators group, with what moderators need: the review queue, sanctions, and reading
replies and their flags in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("moderation", "moderate"),
    ("moderation", "sanction"),
    ("moderation", "view_moderationaction"),
    ("moderation", "view_moderateditem"),
    ("moderation", "view_report"),
    ("moderation", "view_appeal"),
    ("moderation", "view_sanction"),
    ("forum", "view_reply"),
    ("django_comments", "view_commentflag"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; this group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Moderators")
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("forum", "0005_moderation_status"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
