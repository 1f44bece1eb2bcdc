import pytest

pytestmark = pytest.mark.django_db


def test_home_page_says_what_the_product_is_in_chinese_and_in_english_at_the_switch(client):
    response = client.get("/")
    client.post("/i18n/setlang/", {"language": "en"})
    english = client.get("/").content.decode()

    assert response.status_code == 200
    page = response.content.decode()
    assert "预决算公开" in page and "Budget Disclosures" not in page
    assert "Budget Disclosures" in english


def test_the_home_page_offers_each_visitor_their_own_door(client, django_user_model):
    assert 'href="/admin/"' not in client.get("/").content.decode()  # visitors compare
    assert 'class="button" href="/compare/"' in client.get("/").content.decode()

    member = django_user_model.objects.create_user("member", password="pw-for-tests-only")
    client.force_login(member)
    assert 'class="button" href="/upload/"' in client.get("/").content.decode()

    staff = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(staff)
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_admin_login_page_renders_in_chinese_by_default(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_admin_login_page_is_chinese_until_the_reader_switches_to_english(client):
    response = client.get("/admin/login/", headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "登录" in response.content.decode()

    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/login/"})
    assert "Log in" in client.get("/admin/login/").content.decode()


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
