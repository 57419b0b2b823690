"""The API only reads: GET, HEAD and OPTIONS, for anyone (what they see is the visibility
rule's business, in forum/api/selectors.py)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS
