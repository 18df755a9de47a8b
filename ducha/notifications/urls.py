from django.urls import path

from ducha.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("<int:pk>/open/", views.notification_open, name="notification_open"),
    path("read/", views.notification_read_all, name="notification_read"),
]
