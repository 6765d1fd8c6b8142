import re

from django.conf import settings
from django.contrib.staticfiles.views import serve as serve_static
from django.urls import path, re_path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.me, name="me"),
    path("import/", views.import_upload, name="import"),
    path("import/<slug:token>/", views.import_preview, name="import_preview"),
    path("plans/<int:pk>/", views.dashboard, name="dashboard"),
    path("plans/<int:pk>/tree/", views.tree, name="tree"),
    path("plans/<int:pk>/assign/", views.assign_departments, name="assign"),
    path("plans/<int:pk>/suggest/", views.suggest_departments, name="suggest"),
    path("plans/<int:pk>/export/tasks.xlsx", views.task_table_file, {"fmt": "xlsx"}, name="task_table_xlsx"),
    path("plans/<int:pk>/import/tasks/", views.task_table_import, name="task_table_import"),
    path("plans/<int:pk>/export/tasks.docx", views.task_table_file, {"fmt": "docx"}, name="task_table_docx"),
    path("plans/<int:pk>/export/progress.csv", views.progress_data, {"fmt": "csv"}, name="progress_csv"),
    path("plans/<int:pk>/bulletin/", views.bulletin_page, name="bulletin"),
    path("plans/<int:pk>/bulletin.docx", views.bulletin_docx, name="bulletin_docx"),
    path("plans/<int:pk>/export/progress.jsonl", views.progress_data, {"fmt": "jsonl"}, name="progress_jsonl"),
    path("plans/<int:pk>/export/progress.parquet", views.progress_data, {"fmt": "parquet"},
         name="progress_parquet"),
    path("targets/<int:pk>/", views.target, name="target"),
    path("departments/<int:pk>/", views.department, name="department"),
    path("departments/<int:pk>/form.xlsx", views.progress_form_file, name="progress_form"),
    path("departments/<int:pk>/form/", views.progress_form_import, name="progress_form_import"),
    path("reviews/", views.review_queue, name="reviews"),
    path("compare/", views.compare, name="compare"),
    path("reports/<int:pk>/review/", views.review, name="review"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    # The pages' own static files (one stylesheet), also when DEBUG is off: `luoshi run` serves
    # with DEBUG off, where runserver serves no static files. A web server or CDN in front of a
    # deployment answers /static/ first; this route is the fallback (finders only, no uploads).
    re_path(rf"^{re.escape(settings.STATIC_URL.strip('/'))}/(?P<path>.+)$", serve_static, {"insecure": True},
            name="static"),
]
