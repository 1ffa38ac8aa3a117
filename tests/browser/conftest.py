"""Browser tests: Playwright drives Debian's chromium (never a downloaded browser) against a live server.

Skipped when chromium is missing, unless HZ_REQUIRE_BROWSER=1 (as in CI), where that is a failure.
Screenshots go to artifacts/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        if os.environ.get("HZ_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed; browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A Hebrew desktop-sized page; `page.base_url` is the live server."""
    context = browser.new_context(locale="he-IL", viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized Hebrew page (iPhone-like viewport)."""
    context = browser.new_context(
        locale="he-IL", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
        base_url=live_server.url,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def totp_code(secret):
    """The code an authenticator app shows now for the key printed on the set-up page."""
    from base64 import b32decode

    from django_otp.oath import totp

    return f"{totp(b32decode(secret.replace(' ', ''))):06d}"


def log_in(page, username, password="demo-pass-123"):
    page.goto("/accounts/login/")
    page.get_by_label("שם משתמש").fill(username)
    page.get_by_label("סיסמה").fill(password)
    page.get_by_role("button", name="כניסה").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/2fa/setup/" in page.url:
        # Managers, national viewers and admins enrol an authenticator on their first sign-in: read the
        # key the page shows and answer with its current code, as the phone app would.
        secret = page.locator("#totp-secret").inner_text()
        page.get_by_label("קוד אימות").fill(totp_code(secret))
        page.get_by_role("button", name="אישור", exact=True).click()
    page.wait_for_url("**/")
