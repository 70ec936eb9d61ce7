"""Step 6 end to end on the commune: consultation → submission (blocked while a comment is
unanswered) → review → resolution (version official, plan locked) → publication."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sedp.activities.services import activity_create
from sedp.consultation.models import AnswerKind
from sedp.consultation.services import comment_answer, comment_post, consultation_close
from sedp.consultation.tests.helpers import ADDRESS, accepted_commune_plan, open_consultation
from sedp.plans.models import PlanStatus
from sedp.plans.services import plan_update_sections
from sedp.plans.tests.helpers import activity_data
from sedp.portal.models import Publication
from sedp.portal.selectors import assigned_activities, publications_search
from sedp.portal.services import (
    council_question_add,
    council_question_answer,
    council_submit,
    plan_publish,
    resolution_adopt,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def _submit(tree, plan):
    return council_submit(
        user=tree.users.xa1, plan=plan, number="15/TTr-UBND", submitted_on=timezone.localdate()
    )


def _adopt(tree, plan, **extra):
    return resolution_adopt(
        user=tree.users.xa1,
        plan=plan,
        number=extra.get("number", "20/NQ-HĐND"),
        adopted_on=timezone.localdate(),
        text="HĐND xã thông qua Kế hoạch phát triển kinh tế - xã hội năm 2027.",
    )


def test_the_whole_commune_step_6(tree):
    plan = accepted_commune_plan(tree)
    # no consultation yet: refused
    with pytest.raises(ValidationError, match="tham vấn"):
        _submit(tree, plan)
    consultation = open_consultation(tree, plan)
    comment = comment_post(consultation=consultation, body="Ưu tiên kênh mương", address=ADDRESS)
    comment_post(consultation=consultation, body="Cần thêm đèn đường", address="198.51.100.2")
    # still open: refused
    with pytest.raises(ValidationError, match="còn mở"):
        _submit(tree, plan)
    consultation_close(user=tree.users.xa1, consultation=consultation)
    # two comments without answers: refused, with the count
    with pytest.raises(ValidationError, match="2"):
        _submit(tree, plan)
    for c in consultation.comments.all():
        comment_answer(
            user=tree.users.xa1, comment=c, kind=AnswerKind.EXPLAINED, answer="Sẽ xem xét năm sau"
        )
    comment_answer(
        user=tree.users.xa1, comment=comment, kind=AnswerKind.ACCEPTED, answer="Đã đưa vào KH"
    )
    submission = _submit(tree, plan)
    assert submission.version.plan_id == plan.pk
    # The tờ trình is the "submitted" milestone; its own words stay as the version's note.
    submitted = plan.milestones.get(key=f"council:{submission.pk}")
    assert submitted.stage == "submitted" and submitted.version == submission.version
    assert "15/TTr-UBND" in submission.version.note
    question = council_question_add(
        user=tree.users.xa1,
        submission=submission,
        asked_by="Ban Kinh tế - Xã hội HĐND xã",
        question="Nguồn vốn cho kênh mương lấy từ đâu?",
    )
    with pytest.raises(ValidationError, match="1"):
        _adopt(tree, plan)
    council_question_answer(
        user=tree.users.xa1, question=question, answer="Từ Chương trình MTQG và nhân dân góp."
    )
    resolution = _adopt(tree, plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert resolution.version.number == plan.versions.count()
    assert resolution.version.snapshot["activities"]
    # locked: later edits are refused by the plans services
    with pytest.raises(ValidationError):
        plan_update_sections(user=tree.users.xa1, plan=plan, bodies={"p2.3.economy": "Sửa"})
    with pytest.raises(ValidationError):
        activity_create(user=tree.users.xa1, plan=plan, **activity_data(tree.agri))
    with pytest.raises(ValidationError):
        _adopt(tree, plan)
    publication = plan_publish(user=tree.users.xa1, plan=plan)
    assert publication.snapshot["resolution"]["number"] == "20/NQ-HĐND"
    assert [s["title"] for s in publication.snapshot["sections"]]
    with pytest.raises(ValidationError):
        plan_publish(user=tree.users.xa1, plan=plan)
    # the cooperative responsible for the canal sees its assigned work
    from django.contrib.auth import get_user_model

    from sedp.accounts.models import Membership, Role

    coop_user = get_user_model().objects.create_user(username="htx1", password="x")
    Membership.objects.create(user=coop_user, agency=tree.coop1, role=Role.MEMBER)
    assert [a.title for a in assigned_activities(user=coop_user)] == ["Kênh mương nội đồng thôn A1"]
    assert not assigned_activities(user=tree.users.xa3).exists()


def test_only_an_accepted_plan_goes_to_the_council_and_only_its_own_people_act(tree):
    plan = accepted_commune_plan(tree)
    with pytest.raises(PermissionDenied):
        council_submit(
            user=tree.users.xa3, plan=plan, number="1/TTr", submitted_on=timezone.localdate()
        )
    plan.status = PlanStatus.DRAFT
    plan.save()
    with pytest.raises(ValidationError, match="chấp thuận"):
        _submit(tree, plan)
    with pytest.raises(ValidationError):
        _adopt(tree, plan)
    with pytest.raises(ValidationError) as bad:
        council_submit(user=tree.users.xa1, plan=plan, number="", submitted_on=None)
    assert set(bad.value.message_dict) == {"number", "submitted_on"}


def test_portal_search_finds_names_with_or_without_diacritics(tree):
    plan = accepted_commune_plan(tree)
    consultation = open_consultation(tree, plan)
    consultation_close(user=tree.users.xa1, consultation=consultation)
    _submit(tree, plan)
    _adopt(tree, plan)
    plan_publish(user=tree.users.xa1, plan=plan)
    for query in ["Một A", "mot a", "MOT A", "huyen mot", "tinh thu", "20/nq"]:
        assert publications_search(q=query).count() == 1, query
    assert publications_search(q="hai").count() == 0
    assert publications_search(unit=tree.district1).count() == 1
    assert publications_search(unit=tree.district2).count() == 0
    assert Publication.objects.get().plan_year == plan.plan_year


def test_adopting_a_plan_with_a_complete_framework_starts_its_monitoring(tree):
    from sedp.monitoring import services as monitoring
    from sedp.monitoring.models import CollectionTask
    from sedp.monitoring.tests.helpers import fill_framework

    plan = accepted_commune_plan(tree)
    monitoring.framework_prefill(user=tree.users.xa1, plan=plan)
    fill_framework(tree, plan)
    monitoring.framework_complete(user=tree.users.xa1, plan=plan)
    consultation = open_consultation(tree, plan)
    consultation_close(user=tree.users.xa1, consultation=consultation)
    _submit(tree, plan)
    assert not CollectionTask.objects.filter(plan=plan).exists()
    _adopt(tree, plan)
    # quarterly rows: four collection tasks each, sent out at adoption
    rows = plan.me_rows.count()
    assert rows and CollectionTask.objects.filter(plan=plan).count() == 4 * rows
