"""The planning group's consultation pages (login) and the residents' pages (no login)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sedp.accounts.scoping import scope_for
from sedp.consultation import selectors, services
from sedp.consultation.forms import (
    AnswerForm,
    CommentForm,
    ConsultationMeetingForm,
    ModerateForm,
    OpenForm,
    ReportForm,
)
from sedp.consultation.models import AnswerKind, CommentStatus
from sedp.core.forms import apply_service_errors, report_service_errors, submit_form
from sedp.meetings.models import MeetingKind
from sedp.plans.selectors import get_plan_for_user

PUBLIC_PAGE_SIZE = 30
GROUP_PAGE_SIZE = 50


def _villages(plan):
    return plan.unit.children.order_by("name")


# ─── the planning group ───────────────────────────────────────────────


@login_required
def consultation_manage(request, plan_pk):
    """A plan's consultations: open one, read and answer comments, meetings, the report."""
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    can_manage = services.can_manage(scope_for(request.user), plan)
    consultations = list(plan.consultations.all())
    current = consultations[0] if consultations else None
    context = {
        "plan": plan,
        "can_manage": can_manage,
        "consultations": consultations,
        "current": current,
        "meetings": plan.meetings.filter(kind=MeetingKind.CONSULTATION).select_related("unit"),
        "open_form": OpenForm(sections=plan.sections.all()),
        "answer_kinds": AnswerKind.choices,
        "statuses": CommentStatus,
        "has_assigned_targets": _has_assigned_targets(plan),
    }
    if current is not None:
        only_unanswered = request.GET.get("unanswered") == "1"
        page = Paginator(
            selectors.comments_for_group(current, only_unanswered=only_unanswered),
            GROUP_PAGE_SIZE,
        ).get_page(request.GET.get("page"))
        context.update(
            comments=page,
            page_obj=page,
            counts=selectors.comment_counts(current),
            only_unanswered=only_unanswered,
            report_form=ReportForm(initial={"note": current.report_note}),
        )
    return render(request, "consultation/manage.html", context)


def _has_assigned_targets(plan) -> bool:
    """The seed consults residents once the district has assigned the official targets."""
    from sedp.indicators.models import IndicatorValue, Kind

    return IndicatorValue.objects.filter(
        unit=plan.unit, report_year=plan.report_year, kind=Kind.ASSIGNED
    ).exists()


@login_required
@require_POST
def consultation_open(request, plan_pk):
    plan = get_plan_for_user(user=request.user, pk=plan_pk)
    form = OpenForm(request.POST, sections=plan.sections.all())
    if submit_form(
        request,
        form,
        lambda data: services.consultation_open(user=request.user, plan=plan, **data),
        _("The draft is published for consultation. Share the public page with the villages."),
    ):
        return redirect("consultation-plan-manage", plan_pk=plan.pk)
    for errors in form.errors.values():
        for text in errors:
            messages.error(request, text)
    return redirect("consultation-plan-manage", plan_pk=plan.pk)


def _action(request, consultation, action, success):
    try:
        action()
    except ValidationError as error:
        report_service_errors(request, error)
    else:
        messages.success(request, success)
    return redirect("consultation-plan-manage", plan_pk=consultation.plan_id)


@login_required
@require_POST
def consultation_close(request, pk):
    consultation = selectors.get_consultation_for_user(user=request.user, pk=pk)
    return _action(
        request,
        consultation,
        lambda: services.consultation_close(user=request.user, consultation=consultation),
        _("The consultation is closed. Answer every comment, then publish the feedback report."),
    )


@login_required
@require_POST
def report_publish(request, pk):
    consultation = selectors.get_consultation_for_user(user=request.user, pk=pk)
    note = request.POST.get("note", "")
    return _action(
        request,
        consultation,
        lambda: services.report_publish(user=request.user, consultation=consultation, note=note),
        _("The feedback report is published on the public page."),
    )


@login_required
@require_POST
def comment_answer(request, pk):
    comment = selectors.get_comment_for_user(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    form.is_valid()
    return _action(
        request,
        comment.consultation,
        lambda: services.comment_answer(
            user=request.user,
            comment=comment,
            kind=form.cleaned_data.get("kind", ""),
            answer=form.cleaned_data.get("answer", ""),
        ),
        _("The answer was saved."),
    )


@login_required
@require_POST
def comment_moderate(request, pk):
    comment = selectors.get_comment_for_user(user=request.user, pk=pk)
    form = ModerateForm(request.POST)
    form.is_valid()
    return _action(
        request,
        comment.consultation,
        lambda: services.comment_moderate(
            user=request.user,
            comment=comment,
            status=form.cleaned_data.get("status", ""),
            reason=form.cleaned_data.get("reason", ""),
        ),
        _("The comment was moderated."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    consultation = selectors.get_consultation_for_user(user=request.user, pk=pk)
    plan = consultation.plan
    if not services.can_manage(scope_for(request.user), plan):
        raise PermissionDenied
    form = ConsultationMeetingForm(request.POST or None, villages=_villages(plan))
    if submit_form(
        request,
        form,
        lambda data: services.consultation_meeting_record(
            user=request.user, consultation=consultation, **data
        ),
        _("The consultation meeting was recorded."),
    ):
        return redirect("consultation-plan-manage", plan_pk=plan.pk)
    return render(
        request,
        "consultation/meeting_form.html",
        {"plan": plan, "consultation": consultation, "form": form},
    )


# ─── residents (no login) ─────────────────────────────────────────────


def _client_address(request) -> str:
    header = settings.CONSULTATION_CLIENT_ADDRESS_HEADER
    if header and request.META.get(header):
        # the proxy appends; the first address is the client's
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


@require_http_methods(["GET", "POST"])
def public_consultation(request, pk):
    """The draft as published, the comment form, and the comments with their answers."""
    consultation = selectors.get_public_consultation(pk)
    plan = consultation.plan
    villages = _villages(plan)
    form = CommentForm(request.POST or None, villages=villages)
    status = 200
    if request.method == "POST":
        if not consultation.accepts_comments:
            status = 400
            form.add_error(None, _("This consultation is not open for comments."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                comment = services.comment_post(
                    consultation=consultation,
                    body=data["body"],
                    display_name=data["display_name"],
                    village=data["village"],
                    target=data["target"],
                    honeypot=data["website"],
                    address=_client_address(request),
                )
            except ValidationError as error:
                status = 429 if getattr(error, "code", None) == "rate_limited" else 400
                apply_service_errors(form, error)
            else:
                if comment is not None and comment.status == CommentStatus.HELD:
                    messages.info(
                        request,
                        _(
                            "Thank you. Your comment was received and will be shown once the "
                            "planning group has read it."
                        ),
                    )
                else:
                    messages.success(request, _("Thank you. Your comment was received."))
                return redirect("consultation-public-detail", pk=consultation.pk)
        else:
            status = 400
    page = Paginator(selectors.public_comments(consultation), PUBLIC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultation/public_detail.html",
        {
            "consultation": consultation,
            "plan": plan,
            "form": form,
            "comments": page,
            "page_obj": page,
            "max_chars": form.fields["body"].widget.attrs["maxlength"],
        },
        status=status,
    )


def public_report(request, pk):
    """The written feedback to residents: each comment with the commune's answer."""
    consultation = selectors.get_public_consultation(pk)
    if consultation.report_published_at is None:
        raise Http404
    comments = list(selectors.public_comments(consultation).order_by("created_at", "pk"))
    groups = {kind: [c for c in comments if c.answer_kind == kind] for kind in AnswerKind.values}
    return render(
        request,
        "consultation/public_report.html",
        {
            "consultation": consultation,
            "plan": consultation.plan,
            "comments": comments,
            "groups": [(AnswerKind(k).label, groups[k]) for k in AnswerKind.values],
            "meetings": consultation.plan.meetings.filter(kind=MeetingKind.CONSULTATION)
            .select_related("unit")
            .order_by("date"),
        },
    )


def public_report_document(request, pk):
    """The published feedback report as a Word document, for anyone: made once per state of
    the answers by the documents registry (its cache), without the commenters' names."""
    from sedp.consultation.documents import KIND_CODE, TARGET_CODE
    from sedp.documents.models import Format
    from sedp.documents.services import document_request

    consultation = selectors.get_public_consultation(pk)
    if consultation.report_published_at is None:
        raise Http404
    document, _queued = document_request(
        user=None, kind_code=KIND_CODE, target_code=TARGET_CODE, pk=consultation.pk, fmt=Format.DOCX
    )
    if not document.is_ready:
        return render(
            request,
            "consultation/public_document_wait.html",
            {"consultation": consultation, "plan": consultation.plan},
            status=202,
        )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )
