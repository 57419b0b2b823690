"""The account manager: `createsuperuser` and `create_user` store the pseudonym's key too."""

from __future__ import annotations

from django.contrib.auth.models import UserManager as DjangoUserManager


class UserManager(DjangoUserManager):
    def _create_user_object(self, username, email, password, **extra_fields):
        # Django 5.2's one place where create_user, create_superuser and their async twins
        # build the object; it has already stored the username in NFKC.
        user = super()._create_user_object(username, email, password, **extra_fields)
        user.set_pseudonym(user.username)
        return user
