from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.read_all, name="read_all"),
    path("notices/<int:pk>/", views.notice, name="notice"),
    path("plans/<int:pk>/notices/", views.plan_notices, name="notices"),
    path("plans/<int:pk>/assessment/", views.assessment, name="assessment"),
    path("plans/<int:pk>/assessment.xlsx", views.assessment_xlsx, name="assessment_xlsx"),
    path("targets/<int:pk>/closure/", views.closure, name="closure"),
    path("closures/", views.closure_queue, name="closures"),
    path("closures/<int:pk>/review/", views.closure_review, name="closure_review"),
    path("closure-evidence/<int:pk>/", views.closure_evidence, name="closure_evidence"),
]
