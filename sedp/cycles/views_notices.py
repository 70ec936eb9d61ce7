"""The notification centre and the agencies' iCalendar feeds."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sedp.accounts.scoping import scope_for
from sedp.cycles import notices
from sedp.cycles.ical import calendar
from sedp.cycles.models import CalendarFeed, Task


@login_required
def notice_list(request):
    page = Paginator(notices.notices_for(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "cycles/notice_list.html", {"page": page})


@login_required
@require_POST
def notice_read_all(request):
    notices.mark_all_read(user=request.user)
    return redirect("cycles-notice-list")


@login_required
@require_POST
def notice_read(request, source, pk):
    try:
        notices.mark_read(user=request.user, source=source, notice_id=pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing
    # Back to the page the notice was listed on.
    page = request.POST.get("page", "")
    url = reverse("cycles-notice-list")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@login_required
def calendar_list(request):
    """The user's agencies with their secret calendar addresses."""
    scope = scope_for(request.user)
    feeds = [(m.agency, notices.feed_for(agency=m.agency)) for m in scope.memberships]
    return render(request, "cycles/calendar_list.html", {"feeds": feeds})


def calendar_feed(request, token):
    """No login: calendar programs cannot sign in; the token in the address is the secret."""
    feed = CalendarFeed.objects.select_related("agency").filter(token=token).first()
    if feed is None:
        raise Http404
    tasks = (
        Task.objects.filter(agency=feed.agency, cycle__state="open")
        .select_related("activity")
        .order_by("due_date")
    )
    body = calendar(name=feed.agency.name, tasks=tasks, host=request.get_host().split(":")[0])
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
