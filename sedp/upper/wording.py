"""The words a plan page uses for each level of plan.

The plan pages were written for the commune (villages' proposals, the commune planning
conference, the commune planning group); a district office, phòng TCKH, a Sở or Sở KHĐT
consolidates other plans and meets at other conferences (seed, district step 4-5: "Hội nghị
lần 2"; province step 3-4: "Hội nghị lập KHPT ngành", "Hội nghị lập KHPT KTXH tỉnh"). One
table here, read by the plan templates through the `plan_words` tag, so the pages stay one
set of templates.
"""

from django.utils.translation import gettext_lazy as _

from sedp.plans.models import PlanKind

K = PlanKind

# What the consolidating plan lists under "what was sent to it".
CHILDREN_HEADING = {
    K.COMMUNE_PLAN: _("Submissions from villages and agencies"),
    K.DISTRICT_ORIENTATION: _("Sector orientation forms of the district offices"),
    K.DISTRICT_SECTOR_PLAN: _("The communes' plans this sector draws on"),
    K.DISTRICT_PLAN: _("Sector plans of the district offices and the communes' plans"),
    K.PROVINCE_SECTOR_PLAN: _("Plans of the department's units and of the district offices"),
    K.PROVINCE_PLAN: _("Sector plans of the departments and the districts' plans"),
}
CONSOLIDATE_BUTTON = {
    K.COMMUNE_PLAN: _("Consolidate accepted proposals"),
}
CONSOLIDATE_BUTTON_UPPER = _("Consolidate the accepted plans")

# Where a large gap between proposals and resources is argued out.
CONFERENCE_NAME = {
    K.COMMUNE_PLAN: _("the commune planning conference"),
    K.DISTRICT_SECTOR_PLAN: _("conference 2 of the district"),
    K.DISTRICT_PLAN: _("conference 2 of the district"),
    K.PROVINCE_SECTOR_PLAN: _("the sector planning conference"),
    K.PROVINCE_PLAN: _("the provincial planning conference"),
}
# The button recording the plan's own conference (sedp.upper.services.CONFERENCES).
RECORD_CONFERENCE = {
    K.DISTRICT_PLAN: _("Record conference 2 (district planning conference)"),
    K.PROVINCE_SECTOR_PLAN: _("Record the sector planning conference"),
    K.PROVINCE_PLAN: _("Record the provincial planning conference"),
}
# The submit button of the plans sent with plans.services.plan_submit.
SUBMIT_BUTTON = {
    K.DISTRICT_PLAN: _("Send draft 2 to Sở KHĐT"),
    K.PROVINCE_PLAN: _("Submit the provincial draft to the provincial People's Committee"),
}
# Whom a body keeps its position against in the disagreement register.
REGISTER_HELP = {
    K.DISTRICT_SECTOR_PLAN: _(
        "Points on which the office keeps its own position against a commune; they follow "
        "the drafts to conference 2, which settles them."
    ),
    K.DISTRICT_PLAN: _(
        "Points on which phòng TCKH, the district offices and the communes do not yet agree; "
        "they follow the drafts to conference 2, which settles them."
    ),
    K.PROVINCE_SECTOR_PLAN: _(
        "Points on which the department keeps its own position against a district office or "
        "one of its units; they follow the drafts to the sector planning conference."
    ),
    K.PROVINCE_PLAN: _(
        "Points on which Sở KHĐT, the departments and the districts do not yet agree; they "
        "follow the drafts to the provincial planning conference."
    ),
}
REGISTER_FORM_HEADING = {
    K.DISTRICT_SECTOR_PLAN: _("Keep your position against a commune"),
    K.DISTRICT_PLAN: _("Record a point not yet agreed"),
    K.PROVINCE_SECTOR_PLAN: _("Keep your position against a district office or a unit"),
    K.PROVINCE_PLAN: _("Record a point not yet agreed"),
}

# The message after a plan is started (the commune's asks for the village meeting).
STARTED_UPPER = _(
    "The plan was started. Consolidate the accepted plans and add your own activities."
)
STARTED_TEXT = _("The plan was started. Write its text.")
STARTED = {
    K.DISTRICT_SECTOR_PLAN: STARTED_UPPER,
    K.DISTRICT_PLAN: STARTED_UPPER,
    K.PROVINCE_SECTOR_PLAN: STARTED_UPPER,
    K.PROVINCE_PLAN: STARTED_UPPER,
    K.SECTOR_ORIENTATION: STARTED_TEXT,
    K.DISTRICT_ORIENTATION: STARTED_TEXT,
}
# The message after consolidating (a commune consolidates proposals, the levels above plans).
CONSOLIDATED_UPPER = _("%(count)s new lines were added from the accepted plans.")


def plan_words(plan) -> dict:
    """The level-specific words of `plan`'s pages; the commune's words for the levels below."""
    kind = plan.kind
    upper = kind not in (K.COMMUNE_PLAN, K.VILLAGE_PROPOSAL, K.AGENCY_INPUT)
    return {
        "upper": upper,
        "children_heading": CHILDREN_HEADING.get(kind, CHILDREN_HEADING[K.COMMUNE_PLAN]),
        "consolidate": CONSOLIDATE_BUTTON.get(kind, CONSOLIDATE_BUTTON_UPPER),
        "conference": CONFERENCE_NAME.get(kind, CONFERENCE_NAME[K.COMMUNE_PLAN]),
        "record_conference": RECORD_CONFERENCE.get(kind),
        "submit": SUBMIT_BUTTON.get(kind),
        "register_help": REGISTER_HELP.get(kind),
        "register_form": REGISTER_FORM_HEADING.get(kind),
    }
