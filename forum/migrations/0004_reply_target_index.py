"""An index for "replies under this position" on django-contrib-comments' table.

The library indexes object_pk and content_type_id separately; planners then pick the content
type (all replies on all positions) and count replies position by position by scanning it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0003_discussion"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX IF NOT EXISTS agora_comment_target "
                'ON "django_comments" ("object_pk", "content_type_id", "is_public", "is_removed")'
            ),
            reverse_sql="DROP INDEX IF EXISTS agora_comment_target",
        ),
    ]
