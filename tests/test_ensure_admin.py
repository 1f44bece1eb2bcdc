from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def ensure_admin(login_file) -> str:
    out = StringIO()
    call_command("ensure_admin", login_file=login_file, stdout=out)
    return out.getvalue().strip()


def test_it_creates_one_admin_and_prints_the_same_login_every_time(tmp_path):
    login_file = tmp_path / "admin-login.txt"

    first, second = ensure_admin(login_file), ensure_admin(login_file)

    assert first == second
    assert first.startswith("Login 登录: admin / ")
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    password = first.rsplit(" / ", 1)[1]
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_it_does_not_print_a_stored_password_that_no_longer_works(tmp_path):
    login_file = tmp_path / "admin-login.txt"
    ensure_admin(login_file)
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("changed-by-its-owner")
    admin.save()

    message = ensure_admin(login_file)

    assert "changepassword" in message
    assert "changed-by-its-owner" not in message
