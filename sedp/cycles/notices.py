"""Reads and changes of the notification centre and the calendar feeds.

The centre shows two kinds of notices addressed to the user's agencies in one list, newest
first: the planning calendar's (cycles.Notification) and the M&E data collection reminders
(monitoring.CollectionNotice). Both have the same kinds (before, due, overdue, escalated) and
each its own read marks; the header badge counts the unread of both. The list is paged over a
UNION of (source, id, created_at) and only the page's rows are then loaded, so a page costs the
same few queries however many notices there are.
"""

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value

from sedp.accounts.scoping import scope_for
from sedp.cycles.models import CalendarFeed, Notification, NotificationRead
from sedp.monitoring.models import CollectionNotice, CollectionNoticeRead

CALENDAR = "calendar"
COLLECTION = "collection"


def _calendar(agency_ids):
    return Notification.objects.filter(agency_id__in=agency_ids)


def _collection(agency_ids):
    return CollectionNotice.objects.filter(agency_id__in=agency_ids)


def _keys(queryset, source):
    """The columns the union is sorted and paged on; the same shape for both sources."""
    return (
        queryset.annotate(source=Value(source, output_field=CharField()))
        .order_by()
        .values("source", "id", "created_at")
    )


def _unread(agency_ids, user):
    return (
        _calendar(agency_ids).exclude(reads__user=user),
        _collection(agency_ids).exclude(reads__user=user),
    )


class NoticeList:
    """Both kinds of notices, newest first, for a Paginator: counting and slicing query the
    union; a slice loads its rows with what the page shows, each marked `is_read`."""

    def __init__(self, *, user, agency_ids):
        self.user = user
        self.keys = (
            _keys(_calendar(agency_ids), CALENDAR)
            .union(_keys(_collection(agency_ids), COLLECTION), all=True)
            .order_by("-created_at", "-id")
        )

    def count(self) -> int:
        return self.keys.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        keys = list(self.keys[index])
        wanted = {CALENDAR: set(), COLLECTION: set()}
        for key in keys:
            wanted[key["source"]].add(key["id"])
        loaded = {}
        if wanted[CALENDAR]:
            for notice in (
                Notification.objects.filter(pk__in=wanted[CALENDAR])
                .annotate(
                    is_read=Exists(
                        NotificationRead.objects.filter(notification=OuterRef("pk"), user=self.user)
                    )
                )
                .select_related("task__activity", "task__agency__unit", "agency")
            ):
                loaded[(CALENDAR, notice.pk)] = notice
        if wanted[COLLECTION]:
            for notice in (
                CollectionNotice.objects.filter(pk__in=wanted[COLLECTION])
                .annotate(
                    is_read=Exists(
                        CollectionNoticeRead.objects.filter(notice=OuterRef("pk"), user=self.user)
                    )
                )
                .select_related(
                    "task__row__indicator", "task__row__activity", "task__agency", "agency"
                )
            ):
                loaded[(COLLECTION, notice.pk)] = notice
        rows = []
        for key in keys:
            notice = loaded.get((key["source"], key["id"]))
            if notice is not None:  # deleted between the two queries
                notice.source = key["source"]
                rows.append(notice)
        return rows


def notices_for(*, user) -> NoticeList:
    """Notices addressed to the user's agencies, each annotated with whether the user read it."""
    return NoticeList(user=user, agency_ids=scope_for(user).agency_ids)


def unread_count(*, user) -> int:
    """One query however many notices: the badge is on every page."""
    if not user.is_authenticated:
        return 0
    scope = scope_for(user)
    if not scope.agency_ids:
        return 0
    calendar, collection = _unread(scope.agency_ids, user)
    return (
        calendar.order_by().values("id").union(collection.order_by().values("id"), all=True).count()
    )


@transaction.atomic
def mark_all_read(*, user) -> int:
    """Reading one's notices is not a planning event, so it writes no event row."""
    calendar, collection = _unread(scope_for(user).agency_ids, user)
    calendar_ids = list(calendar.values_list("pk", flat=True)[:5000])
    collection_ids = list(collection.values_list("pk", flat=True)[:5000])
    NotificationRead.objects.bulk_create(
        [NotificationRead(notification_id=pk, user=user) for pk in calendar_ids],
        ignore_conflicts=True,
    )
    CollectionNoticeRead.objects.bulk_create(
        [CollectionNoticeRead(notice_id=pk, user=user) for pk in collection_ids],
        ignore_conflicts=True,
    )
    return len(calendar_ids) + len(collection_ids)


# Each source: its notices, its read marks and the read mark's link to its notice.
READ_MODELS = {
    CALENDAR: (Notification, NotificationRead, "notification_id"),
    COLLECTION: (CollectionNotice, CollectionNoticeRead, "notice_id"),
}


@transaction.atomic
def mark_read(*, user, source, notice_id) -> bool:
    """Mark one notice read (a few queries whichever its kind). Only a notice addressed to
    one of the user's agencies: any other is "not found", so nobody learns what others
    receive. Marking it again changes nothing. Like mark_all_read, it writes no event row."""
    if source not in READ_MODELS:
        raise Notification.DoesNotExist
    notice_model, read_model, link = READ_MODELS[source]
    agency_ids = scope_for(user).agency_ids
    if not notice_model.objects.filter(pk=notice_id, agency_id__in=agency_ids).exists():
        raise notice_model.DoesNotExist
    # The unique (notice, user) constraint makes a racing second click a no-op.
    _read, created = read_model.objects.get_or_create(user=user, **{link: notice_id})
    return created


def feed_for(*, agency) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(agency=agency)
    return feed
