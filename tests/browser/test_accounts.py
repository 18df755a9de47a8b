"""Accounts in Chromium: a forced password change, and the lockout message."""


def _person_with_initial_password(username: str, password: str):
    """A person the office created with an initial password, as the people page does."""
    from ducha.org import services
    from ducha.org.models import Role, Unit, User

    office = User.objects.get(username="office")
    return services.create_person(
        actor=office,
        username=username,
        full_name="新来的同事",
        password=password,
        unit=Unit.objects.get(name="雨湖区人民政府"),
        role=Role.HANDLER,
    )


def test_a_new_person_must_change_the_initial_password_before_anything_else(page, live_url, django_db_blocker):
    with django_db_blocker.unblock():
        person = _person_with_initial_password("newcomer", "Initial#pass-2026")
    page.goto(live_url + "/login/")
    page.fill("input[name=username]", "newcomer")
    page.fill("input[name=password]", "Initial#pass-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/account/password/**")
    assert "请先设置自己的新密码" in page.locator("#forced-change").inner_text()
    page.goto(live_url + "/complaints/")  # any other page sends them back
    page.wait_for_url("**/account/password/**")
    page.fill("input[name=old_password]", "Initial#pass-2026")
    page.fill("input[name=new_password]", "weak2weak2weak")
    page.fill("input[name=new_password_again]", "weak2weak2weak")
    page.click("#password-change button[type=submit]")
    assert "至少3类" in page.locator("#password-change .error").inner_text()
    page.fill("input[name=old_password]", "Initial#pass-2026")
    page.fill("input[name=new_password]", "Own#choice-2026")
    page.fill("input[name=new_password_again]", "Own#choice-2026")
    page.click("#password-change button[type=submit]")
    page.wait_for_url("**/complaints/")
    assert "密码已修改" in page.locator(".messages").inner_text()
    with django_db_blocker.unblock():
        person.refresh_from_db()
        assert not person.must_change_password


def test_the_user_menu_leads_to_the_change_page(login, live_url):
    page = login("leader")
    page.click("a.password-change")
    page.wait_for_url("**/account/password/")
    assert page.locator("h1").inner_text() == "修改密码"
    assert page.locator("#forced-change").count() == 0


def test_five_wrong_passwords_lock_the_account_and_say_so(page, live_url, django_db_blocker):
    from axes.models import AccessAttempt

    with django_db_blocker.unblock():
        _person_with_initial_password("locked-out", "Initial#pass-2026")
    try:
        for _ in range(5):
            page.goto(live_url + "/login/")
            page.fill("input[name=username]", "locked-out")
            page.fill("input[name=password]", "wrong-password")
            page.click("button[type=submit]")
        message = page.locator("#lockout").inner_text()
        assert "登录失败次数过多，该账号或本机地址已被锁定30分钟" in message
        page.goto(live_url + "/login/")
        page.fill("input[name=username]", "locked-out")
        page.fill("input[name=password]", "Initial#pass-2026")
        page.click("button[type=submit]")
        assert page.locator("#lockout").is_visible()
        assert page.url.endswith("/login/")
    finally:
        # The live server's other tests sign in from the same address.
        with django_db_blocker.unblock():
            AccessAttempt.objects.filter(username="locked-out").delete()
