"""Accounts: pseudonyms (how they are stored and compared), allauth's adapter, staff sign-in."""
