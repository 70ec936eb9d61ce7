"""Background work of the documents app (django-tasks; `manage.py db_worker` runs it)."""

from django_tasks import task


@task()
def render_document(document_id: int) -> int:
    from sedp.documents.services import document_render

    return document_render(document_id).pk
