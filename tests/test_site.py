import pytest

pytestmark = pytest.mark.django_db


def test_home_page_says_what_the_product_is_in_chinese_and_english(client):
    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "预决算公开" in page
    assert "Budget Disclosures" in page
    assert 'href="/admin/"' in page


def test_admin_login_page_renders_in_chinese_by_default(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_admin_login_page_follows_an_english_browser(client):
    response = client.get("/admin/login/", headers={"accept-language": "en"})

    assert response.status_code == 200
    assert "Log in" in response.content.decode()


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
