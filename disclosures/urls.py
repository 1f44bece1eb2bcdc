from django.contrib.auth import views as auth_views
from django.urls import path

from disclosures import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("login/", views.Login.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("upload/", views.upload, name="upload"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/status.json", views.documents_status, name="documents_status"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/original", views.document_original, name="document_original"),
    path("documents/<int:pk>/pages/<int:page>.png", views.document_page, name="document_page"),
    path("documents/<int:pk>/reparse", views.document_reparse, name="document_reparse"),
    path("desk/", views.desk_queue, name="desk"),
    path("disclosures/", views.disclosure_list, name="disclosure_list"),
    path("disclosures/<int:pk>/", views.disclosure, name="disclosure"),
    path("disclosures/<int:pk>/correct", views.disclosure_correct, name="disclosure_correct"),
    path("disclosures/<int:pk>/publish", views.disclosure_publish, name="disclosure_publish"),
    path("agencies/merge/", views.agency_merge, name="agency_merge"),
]
