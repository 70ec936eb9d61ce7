from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "sedp.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from sedp.core.events import register_verbs

        register_verbs(
            {
                "indicator.created": _("created the indicator"),
                "indicator.updated": _("updated the indicator"),
                "indicator_value.set": _("entered an indicator value"),
                "indicator_value.cleared": _("cleared an indicator value"),
                "indicator_value.imported": _("imported indicator values"),
                "indicator_assessment.completed": _("completed the assessment of year X"),
            }
        )
        from django.db.models.signals import post_save

        from sedp.core.models import Event

        post_save.connect(_unit_changed, sender=Event, dispatch_uid="indicator-figures-unit")


def _unit_changed(sender, instance, created, **kwargs):
    """A unit moved to another parent or changed type: its old and new ancestors' roll-up
    figures change. Territory services record every change as an event, written in the same
    transaction after the paths are rewritten; hooking it keeps territory unaware of indicators.
    Only the two chains of ancestors are recomputed (a handful of statements per report year):
    the figures inside the moved subtree do not depend on where it hangs."""
    if not created or instance.verb != "unit.updated":
        return
    before = instance.payload.get("before", {})
    if not {"parent", "unit_type"} & set(before):
        return
    from sedp.indicators import figures
    from sedp.indicators.models import IndicatorFigure, IndicatorValue
    from sedp.territory.models import AdminUnit

    unit = AdminUnit.objects.get(pk=instance.target_id)
    old_path = instance.payload.get("paths", {}).get("before", unit.path)
    # The old parent is the id before the unit's own at the end of its old path.
    old_parent_id = ([None] + [int(p) for p in old_path.strip("/").split("/")])[-2]
    old_parent = AdminUnit.objects.filter(pk=old_parent_id).first()
    # The years with figures at either end (read on the figures' unit index, not a scan).
    ends = [unit.pk] + ([old_parent.pk] if old_parent is not None else [])
    years = set(
        IndicatorFigure.objects.filter(unit_id__in=ends)
        .values_list("report_year", flat=True)
        .distinct()
    )
    years |= set(
        IndicatorValue.objects.filter(unit_id__in=ends)
        .values_list("report_year", flat=True)
        .distinct()
    )
    for year in sorted(years):
        if old_parent is not None and old_parent.pk != unit.parent_id:
            figures.refresh(old_parent, year)
        figures.refresh(unit, year)
