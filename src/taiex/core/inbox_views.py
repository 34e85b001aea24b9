"""The person's inbox: the list (unread first marked), one item, mark all read, and the choice
of delivery per kind of notification. Each person sees only their own items (404 otherwise)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import inbox
from .models import Delivery

PAGE_SIZE = 25


@login_required
def inbox_list(request):
    items = inbox.items_of(request.user).only(
        "pk", "subject", "created_at", "read_at", "kind", "user_id"
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/inbox/list.html", {"page": page})


@login_required
def inbox_item(request, pk):
    item = get_object_or_404(inbox.items_of(request.user), pk=pk)
    inbox.mark_read(item, user=request.user)
    return render(request, "core/inbox/item.html", {"item": item})


@login_required
@require_POST
def inbox_read_all(request):
    changed = inbox.mark_all_read(request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s notification marked as read.",
            "%(count)s notifications marked as read.",
            changed,
        )
        % {"count": changed}
        if changed
        else _("Nothing was unread."),
    )
    return redirect("core:inbox")


class PreferencesForm(forms.Form):
    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for index, (kind, label) in enumerate(inbox.KINDS.items()):
            self.fields[f"kind_{index}"] = forms.ChoiceField(
                label=label, choices=Delivery.choices, initial=current[kind]
            )

    def choices(self):
        return {kind: self.cleaned_data[f"kind_{index}"] for index, kind in enumerate(inbox.KINDS)}


@login_required
def inbox_settings(request):
    current = inbox.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        inbox.set_preferences(request.user, form.choices())
        messages.success(request, _("Your choices are saved."))
        return redirect("core:inbox_settings")
    status = 400 if form.is_bound else 200
    return render(request, "core/inbox/settings.html", {"form": form}, status=status)
