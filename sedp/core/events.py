"""Writing to the event log. Every service function calls `record_event`."""

from django.contrib.contenttypes.models import ContentType

from sedp.core.models import Event

# Human labels for the verbs services write; the verb itself stays a stable code.
# Each app registers its own verbs from its AppConfig.ready() with register_verbs().
VERB_LABELS: dict = {}


def register_verbs(labels: dict) -> None:
    """Add an app's verbs; a verb registered twice with another label is a bug."""
    for verb, label in labels.items():
        if verb in VERB_LABELS and VERB_LABELS[verb] is not label:
            raise ValueError(f"Event verb {verb!r} is registered twice")
        VERB_LABELS[verb] = label


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))


def record_event(*, actor, verb, target, unit=None, reason="", payload=None) -> Event:
    """Append one event. Call it inside the service's transaction."""
    if verb not in VERB_LABELS:
        raise ValueError(f"Unknown event verb {verb!r}: add it to VERB_LABELS")
    event = Event.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        unit=unit,
        reason=reason or "",
        payload=payload or {},
    )
    # The hooks called next read event.target: give them the object in hand, not a query.
    Event._meta.get_field("target").set_cached_value(event, target)
    return event


def history_of(obj):
    """Events about one object, newest first, with actors joined in one query."""
    return Event.objects.for_object(obj).select_related("actor")


def record_events(*, actor, verb, targets, unit_of=None, payload_of=None, reason="") -> None:
    """Append one event per target in a single INSERT (used by bulk imports)."""
    if verb not in VERB_LABELS:
        raise ValueError(f"Unknown event verb {verb!r}: add it to VERB_LABELS")
    targets = list(targets)
    if not targets:
        return
    target_type = ContentType.objects.get_for_model(targets[0])
    Event.objects.bulk_create(
        Event(
            actor=actor if actor is not None and actor.is_authenticated else None,
            verb=verb,
            target_type=target_type,
            target_id=str(target.pk),
            target_repr=str(target)[:300],
            unit=unit_of(target) if unit_of else None,
            reason=reason,
            payload=payload_of(target) if payload_of else {},
        )
        for target in targets
    )
