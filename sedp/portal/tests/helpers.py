"""A commune plan taken through consultation, council and publication with the services."""

from django.utils import timezone

from sedp.consultation.services import consultation_close
from sedp.consultation.tests.helpers import accepted_commune_plan, open_consultation
from sedp.portal.services import council_submit, plan_publish, resolution_adopt


def adopted_plan(tree, *, publish=True, number="20/NQ-HĐND"):
    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    consultation_close(user=tree.users.xa1, consultation=consultation)
    today = timezone.localdate()
    council_submit(user=tree.users.xa1, plan=plan, number="15/TTr-UBND", submitted_on=today)
    resolution_adopt(
        user=tree.users.xa1,
        plan=plan,
        number=number,
        adopted_on=today,
        text="HĐND xã Một A thông qua Kế hoạch phát triển kinh tế - xã hội.",
    )
    if publish:
        plan_publish(user=tree.users.xa1, plan=plan)
    plan.refresh_from_db()
    return plan
