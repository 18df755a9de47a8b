from django.urls import path

from ducha.supervision import views

app_name = "supervision"
urlpatterns = [
    path("figures/", views.figure_list, name="figure_list"),
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/scan/", views.alert_scan, name="alert_scan"),
    path("alerts/upcoming/", views.upcoming, name="upcoming"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notification_read, name="notification_read"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/reply/", views.notice_reply, name="notice_reply"),
    path("notices/<int:pk>/document.docx", views.notice_download, name="notice_download"),
    path("accountability/", views.accountability_list, name="accountability_list"),
    path("accountability/new/", views.accountability_create, name="accountability_create"),
    path("people/new/", views.person_create, name="person_create"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/findings/new/", views.visit_finding_add, name="visit_finding_add"),
    path("visits/<int:pk>/to-task/", views.visit_to_task, name="visit_to_task"),
    path("visits/<int:pk>/to-complaint/", views.visit_to_complaint, name="visit_to_complaint"),
    path("bulletins/", views.bulletin_list, name="bulletin_list"),
    path("bulletins/publish/", views.bulletin_publish, name="bulletin_publish"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/bulletin.xlsx", views.bulletin_xlsx, name="bulletin_xlsx"),
    path("bulletins/<int:pk>/bulletin.docx", views.bulletin_docx, name="bulletin_docx"),
]
