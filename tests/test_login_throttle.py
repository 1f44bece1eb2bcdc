"""Login is throttled (django-axes): ten wrong passwords for a username from one address,
and the eleventh try is refused even with the right password, on the site's login page and
the admin's alike."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from config.security import client_address

pytestmark = pytest.mark.django_db
PASSWORD = "right-horse-battery-7"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("editor", password=PASSWORD)


def attempt(client, url: str, password: str):
    return client.post(url, {"username": "editor", "password": password})


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_the_right_password_after_ten_wrong_ones_is_refused(client, staff, url):
    answers = [attempt(client, url, "wrong").status_code for _ in range(10)]
    assert answers[:9] == [200] * 9  # the form again

    response = attempt(client, url, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "密码错误次数过多" in response.content.decode()


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_a_few_wrong_passwords_do_not_stop_the_right_one(client, staff, url):
    for _ in range(3):
        attempt(client, url, "wrong")

    response = attempt(client, url, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "", "10.0.0.9"),
        (0, "1.2.3.4", "10.0.0.9"),  # no proxy: a client's own header is never believed
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the forged part is to the left
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),
    ],
)
def test_the_address_counted_is_the_one_the_sites_own_proxies_saw(
    rf, settings, proxies, forwarded, address
):
    settings.PROXY_COUNT = proxies
    request = rf.get("/login/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.9")

    assert client_address(request) == address
