"""Reads and changes of the notification centre and the calendar feeds."""

from django.db import transaction
from django.db.models import Exists, OuterRef

from sedp.accounts.scoping import scope_for
from sedp.cycles.models import CalendarFeed, Notification, NotificationRead


def notices_for(*, user):
    """Notices addressed to the user's agencies, each annotated with whether the user read it."""
    scope = scope_for(user)
    return (
        Notification.objects.filter(agency_id__in=scope.agency_ids)
        .annotate(
            is_read=Exists(NotificationRead.objects.filter(notification=OuterRef("pk"), user=user))
        )
        .select_related("task__activity", "task__agency__unit", "agency")
    )


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    scope = scope_for(user)
    if not scope.agency_ids:
        return 0
    return (
        Notification.objects.filter(agency_id__in=scope.agency_ids)
        .exclude(reads__user=user)
        .count()
    )


@transaction.atomic
def mark_all_read(*, user) -> int:
    """Reading one's notices is not a planning event, so it writes no event row."""
    unread = list(notices_for(user=user).filter(is_read=False).values_list("pk", flat=True)[:5000])
    NotificationRead.objects.bulk_create(
        [NotificationRead(notification_id=pk, user=user) for pk in unread],
        ignore_conflicts=True,
    )
    return len(unread)


def feed_for(*, agency) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(agency=agency)
    return feed
