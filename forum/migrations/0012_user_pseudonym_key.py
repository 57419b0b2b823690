"""Pseudonyms are unique by a comparison key, not by the database's LOWER().

The key is NFKC(casefold(NFKC(pseudonym))), computed in Python (forum/accounts/pseudonyms.py),
so the sign-up form's check and the UNIQUE constraint agree by construction. LOWER() differed
between them (ASCII-only on SQLite, the collation's rules on PostgreSQL) and missed the Kelvin
sign, "ẞ"/"ß"/"ss" and fullwidth letters; the key covers every pair LOWER() caught, so that
constraint goes.
"""

import unicodedata

from django.db import migrations, models

import forum.accounts.managers


def _key(pseudonym: str) -> str:
    # The rule as it was when this migration was written; later changes to the rule must not
    # change what this migration did.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", pseudonym).casefold())


def backfill_keys(apps, schema_editor):
    """Give every account its key. Where two existing accounts share one (possible where
    LOWER() did not fold, as on SQLite), the older account keeps it and the newer gets it
    suffixed with its id: "#" is never in a pseudonym, so no one can type that key, and the
    name stays reserved by the older account."""
    User = apps.get_model("forum", "User")
    seen: set[str] = set()
    batch = []
    for user in User.objects.order_by("pk").only("pk", "username").iterator(chunk_size=2000):
        key = _key(user.username)
        if key in seen:
            key = f"{key}#{user.pk}"
        seen.add(key)
        user.pseudonym_key = key
        batch.append(user)
        if len(batch) == 2000:
            User.objects.bulk_update(batch, ["pseudonym_key"])
            batch = []
    User.objects.bulk_update(batch, ["pseudonym_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("forum", "0011_published_summaries_immutable"),
    ]

    operations = [
        migrations.AlterModelManagers(
            name="user",
            managers=[
                ("objects", forum.accounts.managers.UserManager()),
            ],
        ),
        migrations.AddField(
            model_name="user",
            name="pseudonym_key",
            field=models.CharField(
                editable=False,
                max_length=255,
                null=True,
                verbose_name="pseudonym comparison key",
            ),
        ),
        migrations.RunPython(backfill_keys, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="user",
            name="pseudonym_key",
            field=models.CharField(
                blank=True,
                editable=False,
                error_messages={"unique": "That pseudonym is already taken."},
                max_length=255,
                unique=True,
                verbose_name="pseudonym comparison key",
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(("pseudonym_key", ""), _negated=True),
                name="user_pseudonym_key_set",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="user",
            name="user_pseudonym_unique_ignoring_case",
        ),
    ]
