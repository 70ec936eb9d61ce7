"""Reading process templates from templates_data/*.yaml and syncing them into the database.

A file either lists its steps (the seed's three-tier process) or derives from a `base` file by
rules (drop a level, map responsibilities, relink dependencies, rename inputs, override
activities): the two-tier template is the seed's with the district's role redistributed.
"""

import copy
from pathlib import Path

import yaml
from django.db import transaction

from sedp.cycles.models import Activity, ActivityIO, ProcessTemplate, Responsibility, Step

DATA_DIR = Path(__file__).resolve().parent / "templates_data"


class TemplateFileError(ValueError):
    pass


def template_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def _ddmm(value: str, where: str) -> tuple[int, int]:
    try:
        day, month = (int(part) for part in str(value).split("/"))
    except ValueError:
        raise TemplateFileError(f"{where}: “{value}” is not dd/mm") from None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise TemplateFileError(f"{where}: “{value}” is not a day of the year")
    return month, day


def _replace_text(value, pairs):
    if isinstance(value, list):
        return [_replace_text(item, pairs) for item in value]
    if not isinstance(value, str):
        return value
    for old, new in pairs:
        value = value.replace(old, new)
    return value


def _derive(spec: dict, base: dict) -> dict:
    """Apply a derived file's rules to its base's steps."""
    drop = set(spec.get("drop_levels", []))
    rmap = spec.get("responsible_map", {})
    relink = spec.get("relink", {})
    io_map = spec.get("io_map", {})
    pairs = spec.get("text_replace", [])
    overrides = spec.get("overrides", {})
    steps = []
    for step in copy.deepcopy(base["steps"]):
        if step["level"] in drop:
            continue
        for key in ("title", "purpose"):
            step[key] = _replace_text(step.get(key, ""), pairs)
        for activity in step["activities"]:
            for key in ("title", "participants", "note"):
                if key in activity:
                    activity[key] = _replace_text(activity[key], pairs)
            mapped = []
            for item in activity["responsible"]:
                item = rmap.get(item, item)
                if item not in mapped:
                    mapped.append(item)
            activity["responsible"] = mapped
            links = []
            for code in activity.get("waits_for", []):
                code = relink.get(code, code)
                if code not in links:
                    links.append(code)
            activity["waits_for"] = links
            for key in ("inputs", "outputs"):
                for io in activity.get(key, []):
                    io.update(io_map.get(io["code"], {}))
            activity.update(copy.deepcopy(overrides.get(activity["code"], {})))
        steps.append(step)
    result = {key: spec[key] for key in spec if key not in ("base", "steps")}
    result["steps"] = steps
    return result


def read_template_file(path: Path) -> dict:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    if spec.get("base"):
        spec = _derive(spec, read_template_file(path.parent / spec["base"]))
    for key in ("code", "name", "version", "structure_kind", "levels", "steps"):
        if key not in spec:
            raise TemplateFileError(f"{path.name}: missing “{key}”")
    return spec


@transaction.atomic
def sync_template(spec: dict, *, source_file: str = "", template=None) -> ProcessTemplate:
    """Create or refresh a template from a spec; a second run with the same spec changes nothing.

    Steps and activities are matched by (level, number) and code; activities no longer in the
    spec are deleted (a cycle's tasks protect those already used).
    """
    fields = {
        "name": spec["name"],
        "version": spec["version"],
        "structure_kind": spec["structure_kind"],
        "levels": list(spec["levels"]),
        "source": spec.get("source", ""),
        "source_file": source_file,
    }
    if template is None:
        template, _created = ProcessTemplate.objects.update_or_create(
            code=spec["code"], defaults=fields
        )
    steps = {(s.level_code, s.number): s for s in template.steps.all()}
    activities = {a.code: a for a in template.activities.all()}
    seen, links = set(), {}
    for step_spec in spec["steps"]:
        where = f"{spec['code']} {step_spec['level']} step {step_spec['number']}"
        window = step_spec["window"]
        start, end = _ddmm(window["start"], where), _ddmm(window["end"], where)
        values = {
            "title": step_spec["title"],
            "purpose": step_spec.get("purpose", "").strip(),
            "start_month": start[0],
            "start_day": start[1],
            "end_month": end[0],
            "end_day": end[1],
            "window_text": window.get("text", ""),
        }
        key = (step_spec["level"], step_spec["number"])
        step = steps.get(key)
        if step is None:
            step = Step.objects.create(
                template=template, level_code=key[0], number=key[1], **values
            )
        elif any(getattr(step, f) != v for f, v in values.items()):
            Step.objects.filter(pk=step.pk).update(**values)
        for order, a_spec in enumerate(step_spec["activities"]):
            code = a_spec["code"]
            if code in seen:
                raise TemplateFileError(f"{where}: activity {code} appears twice")
            seen.add(code)
            month, day = _ddmm(a_spec["deadline"], f"{where} {code}")
            values = {
                "step": step,
                "order": order,
                "title": a_spec["title"],
                "deadline_month": month,
                "deadline_day": day,
                "deadline_text": a_spec.get("deadline_text", ""),
                "deadline_basis": a_spec.get("basis", "seed"),
                "note": (a_spec.get("note") or "").strip(),
                "participants": list(a_spec.get("participants") or []),
            }
            activity = activities.get(code)
            if activity is None:
                activity = Activity.objects.create(template=template, code=code, **values)
                activities[code] = activity
            else:
                Activity.objects.filter(pk=activity.pk).update(**values)
            _sync_children(activity, a_spec, where)
            links[code] = list(a_spec.get("waits_for") or [])
    Activity.objects.filter(template=template).exclude(code__in=seen).delete()
    through = Activity.waits_for.through
    wanted = set()
    for code, targets in links.items():
        for target in targets:
            if target not in activities or target not in seen:
                raise TemplateFileError(f"{spec['code']} {code}: waits for unknown {target}")
            wanted.add((activities[code].pk, activities[target].pk))
    existing = set(
        through.objects.filter(from_activity__template=template).values_list(
            "from_activity_id", "to_activity_id"
        )
    )
    for pair in existing - wanted:
        through.objects.filter(from_activity_id=pair[0], to_activity_id=pair[1]).delete()
    through.objects.bulk_create(
        through(from_activity_id=a, to_activity_id=b) for a, b in wanted - existing
    )
    return template


def _sync_children(activity, a_spec, where) -> None:
    wanted = []
    for item in a_spec.get("responsible") or []:
        level, _sep, kind = item.partition(":")
        if not kind:
            raise TemplateFileError(f"{where} {activity.code}: “{item}” is not level:kind")
        wanted.append((level, kind))
    current = list(activity.responsibilities.values_list("level_code", "kind"))
    if sorted(current) != sorted(wanted):
        activity.responsibilities.all().delete()
        Responsibility.objects.bulk_create(
            Responsibility(activity=activity, level_code=level, kind=kind) for level, kind in wanted
        )
    ios = [
        (is_output, io["type"], io["code"], io["name"])
        for is_output, key in ((False, "inputs"), (True, "outputs"))
        for io in a_spec.get(key) or []
    ]
    current_ios = list(
        activity.ios.order_by("id").values_list("is_output", "io_type", "code", "name")
    )
    ordered = sorted(ios, key=lambda row: not row[0])
    if current_ios != ordered:
        activity.ios.all().delete()
        ActivityIO.objects.bulk_create(
            ActivityIO(activity=activity, is_output=o, io_type=t, code=c, name=n)
            for o, t, c, n in ordered
        )


def load_all_templates() -> list[ProcessTemplate]:
    """Load every file in templates_data/; idempotent."""
    return [
        sync_template(read_template_file(path), source_file=path.name) for path in template_files()
    ]
