"""Moderation pages: thin views over moderation.services and moderation.selectors."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from moderation import registry, screening, selectors, services
from moderation.forms import ActionForm, AppealForm, BulkForm, ReportForm, SanctionForm
from moderation.models import (
    REPORT_REASONS,
    ModeratedItem,
    Reason,
    Sanction,
)
from moderation.permissions import (
    can_appeal,
    can_sanction,
    check_can_moderate,
    check_can_report,
    check_can_sanction,
    sanction_target_refusal,
)


def _ascii_int(value: str) -> int | None:
    """Ids and page numbers in ASCII digits only: "²".isdigit() is True, int("²") fails,
    and int("١٢") reads Arabic-Indic digits. (forum.inputs has the same; moderation does not
    import the forum.)"""
    if value and len(value) <= 18 and value.isascii() and value.isdigit():
        return int(value)
    return None


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests  # reading needs no transaction; each bulk action has its own
def queue(request: HttpRequest) -> HttpResponse:
    check_can_moderate(request.user)
    reason = request.GET.get("reason", "")
    scope = request.GET.get("consultation", "")
    if reason and reason not in {r.value for r in [*REPORT_REASONS, Reason.SCREENING]}:
        raise Http404(_("No such reason."))
    paginator = Paginator(
        selectors.queue_items(reason=reason, scope=scope), selectors.QUEUE_PAGE_SIZE
    )
    try:
        page = paginator.page(_ascii_int(request.GET.get("page", "1")))
    except (InvalidPage, ValueError):
        raise Http404(_("No such page.")) from None
    items = list(page.object_list)
    scopes = selectors.scopes_in_queue()
    selectors.queue_page_details(items, scope_titles=dict(scopes))
    bulk = BulkForm(request.POST or None, item_ids=[item.pk for item in items])
    if request.method == "POST":
        bulk = BulkForm(
            request.POST,
            item_ids=[
                number
                for number in map(_ascii_int, request.POST.getlist("items"))
                if number is not None
            ],
        )
        if bulk.is_valid():
            try:
                done = services.items_bulk_act(
                    moderator=request.user,
                    item_ids=bulk.cleaned_data["items"],
                    action=bulk.cleaned_data["action"],
                    reason=bulk.cleaned_data["reason"],
                )
            except ValidationError as error:
                _add_errors(bulk, error)
            else:
                messages.success(request, _("%(count)d items done.") % {"count": done})
                return redirect(request.get_full_path())
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "items": items,
            "bulk": bulk,
            "reason": reason,
            "scope": scope,
            "reasons": [*REPORT_REASONS, Reason.SCREENING],
            "scopes": scopes,
        },
        status=400 if bulk.errors else 200,
    )


def _item_or_404(pk: int) -> ModeratedItem:
    item = (
        ModeratedItem.objects.filter(pk=pk)
        .select_related("author", "claimed_by", "content_type")
        .first()
    )
    if item is None:
        raise Http404(_("No such item."))
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    check_can_moderate(request.user)
    item = _item_or_404(pk)
    if item.content_object is not None:
        registry.check_can_read(request.user, item.content_object)
    if request.method == "POST" and request.POST.get("claim"):
        try:
            services.item_claim(moderator=request.user, item=item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("You are working on this item."))
        return redirect("moderation:item", pk=item.pk)
    items = [item]
    selectors.queue_page_details(items)
    item = items[0]
    # The page offers what applies now; a crafted POST of anything else reaches item_act,
    # which refuses it with a message and writes nothing.
    form = ActionForm(
        request.POST or None,
        initial={"expected_status": item.status},
        offered=item.offered_actions,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_act(moderator=request.user, item=item, **form.decision())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Done. The author is told."))
            return redirect("moderation:queue")
    return render(
        request,
        "moderation/item.html",
        {
            "item": item,
            "form": form,
            "history": selectors.item_history(item),
            "can_sanction": can_sanction(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def content_item(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    """From a position or reply page to its moderation item. Recording an item that never was
    is a write, so it takes a POST (the page's "Moderate" button); a GET asks with a button."""
    check_can_moderate(request.user)
    found = selectors.item_for_content(label=label, object_id=object_id)
    if found is None:
        raise Http404(_("No such contribution."))
    content, item = found
    registry.check_can_read(request.user, content)
    if request.method == "POST":
        item = services.item_open(moderator=request.user, content=content)
    if item is not None:
        return redirect("moderation:item", pk=item.pk)
    return render(request, "moderation/content.html", {"content": content})


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    found = selectors.item_for_content(label=label, object_id=object_id)
    if found is None:
        raise Http404(_("No such contribution."))
    content, _item = found
    # Held, hidden, removed or draft content does not exist for the reporter: never quoted.
    registry.check_can_read(request.user, content)
    check_can_report(request.user, author_id=getattr(content.moderation_author, "pk", None))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.report_create(
                reporter=request.user, content=content, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if result.created:
                messages.success(request, _("Thank you. Moderators will review it."))
            else:
                messages.info(request, _("You have already reported this."))
            return redirect(content.get_absolute_url())
    return render(
        request,
        "moderation/report_form.html",
        {"form": form, "content": content},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(pk)
    if not can_appeal(request.user, author_id=item.author_id):
        raise Http404(_("No such item."))
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_create(author=request.user, item=item, text=form.cleaned_data["text"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your appeal is with the moderators."))
            return redirect("moderation:notices")
    return render(
        request,
        "moderation/appeal_form.html",
        {"form": form, "item": item, "content": item.content_object},
        status=400 if form.errors else 200,
    )


@login_required
@transaction.non_atomic_requests
def notices(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "moderation/notices.html",
        {
            "notices": selectors.notices_shown(request.user),
            "sanctions": selectors.sanctions_of(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest, user_id: int) -> HttpResponse:
    """A moderator's view of an account: its sanctions, and the form to add one."""
    check_can_sanction(request.user)
    target = selectors.user_by_id(user_id)
    if target is None:
        raise Http404(_("No such account."))
    refusal = sanction_target_refusal(request.user, target)
    form = SanctionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sanction_create(moderator=request.user, user=target, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The sanction is in force and the account is told."))
            return redirect("moderation:account", user_id=target.pk)
    return render(
        request,
        "moderation/account.html",
        {
            "target": target,
            "form": form,
            "sanctions": selectors.sanctions_of(target),
            "refusal": refusal,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def sanction_lift(request: HttpRequest, pk: int) -> HttpResponse:
    check_can_sanction(request.user)
    sanction = Sanction.objects.filter(pk=pk).select_related("user").first()
    if sanction is None:
        raise Http404(_("No such sanction."))
    try:
        services.sanction_lift(moderator=request.user, sanction=sanction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The sanction is lifted."))
    return redirect("moderation:account", user_id=sanction.user_id)


@transaction.non_atomic_requests
def transparency(request: HttpRequest) -> HttpResponse:
    rules = screening.ScreeningRules.from_settings()
    return render(
        request,
        "moderation/transparency.html",
        {
            "counts": selectors.transparency(),
            "rules": rules,
            "report_threshold": settings.MODERATION_REPORT_THRESHOLD,
            "rate_limits": settings.MODERATION_RATE_LIMITS,
            "report_reasons": REPORT_REASONS,
        },
    )
