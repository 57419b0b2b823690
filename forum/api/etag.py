"""ETag from the body, and 304 Not Modified for a client that already has it.

The tag is a hash of the JSON that would be sent, so it changes exactly when the answer does
(a new vote, a moderator's decision, another language), whoever is asking: a signed-in
moderator's answer and a visitor's differ in body and so in tag. Django's own helpers compare
`If-None-Match` (weak comparison, `*`, lists of tags) and build the 304 with the headers a
cache needs (ETag, Vary, Cache-Control) and no body.
"""

from __future__ import annotations

from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag


class BodyETagMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        # The body depends on the language and on who asks (a session sees its own held
        # position): caches must keep one copy per each.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)
