from django.urls import path

from api import views

urlpatterns = [path("api/docs", views.docs, name="api_docs")]
