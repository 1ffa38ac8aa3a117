"""Every page in Hebrew: walk the site as a manager and as a coordinator over demo data and fail on English.

The walk starts at the home page and follows every link of the site (GET only), visiting each URL pattern once,
so a new page is checked as soon as something links to it. On each page the visible text (and the placeholders,
titles and labels a screen reader reads) may hold Latin letters only in the allow-list: codes, names, emails,
numbers with units, file formats.
"""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import Resolver404, resolve

# Words in Latin letters a Hebrew page may show: names of formats and standards, and the language menu.
ALLOWED_WORDS = {
    "English", "CSV", "XLSX", "Excel", "PDF", "ICS", "iCal", "JSON", "API", "ISCO", "PIAAC", "TOTP", "QR", "URL",
    "B", "C", "C1", "D", "A", "A1", "A2", "CV", "SMS", "WhatsApp", "Facebook", "Google", "Microsoft", "Authenticator",
    "Hizdamnut", "ID", "http", "https", "www", "iCalendar", "FreeOTP", "Aegis",
}
# Patterns of text that is data, not interface: emails, usernames, codes (capitals and digits), URLs, file names.
DATA = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+"  # email
    r"|https?://\S+"  # URL
    r"|\b[A-Z][A-Z0-9_-]{1,}\b"  # codes: NTN, ISCO-08, PIAAC
    r"|\b[\w-]+\.(?:xlsx|csv|pdf|ics|json|md)\b"  # file names
    r"|\b\d+[a-z]{1,3}\b"  # 5km, 2h
)
# Pages that are not part of the Hebrew interface (Django's admin, the API's own documentation).
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/i18n/", "/accounts/logout")
# Pages whose text is mostly data (a file's content, a calendar feed) rather than interface.
SKIP_CONTENT_TYPES = ("application/", "text/calendar", "text/csv", "image/")
MAX_PAGES = 400


class VisibleText(HTMLParser):
    """The text a user sees or hears: text nodes outside script/style, and placeholder/title/aria-label/alt."""

    HIDDEN = {"script", "style", "template", "code", "kbd", "samp"}

    def __init__(self):
        super().__init__()
        self.parts, self.links, self._hidden, self._data_depth, self._stack = [], [], 0, 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("input", "img", "br", "meta", "link", "hr", "source", "col", "area", "wbr"):
            self._attrs(attrs)
            return
        data = "data" in (attrs.get("class") or "").split() or attrs.get("translate") == "no"
        self._stack.append((tag, tag in self.HIDDEN, data))
        self._hidden += tag in self.HIDDEN
        self._data_depth += data
        self._attrs(attrs)

    def _attrs(self, attrs):
        if not self._hidden and not self._data_depth:
            for name in ("placeholder", "title", "aria-label", "alt"):
                if attrs.get(name):
                    self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, hidden, data = self._stack.pop()
            self._hidden -= hidden
            self._data_depth -= data
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self._hidden and not self._data_depth and data.strip():
            self.parts.append(data)


def latin_words(text, allowed):
    text = DATA.sub(" ", text)
    return [word for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if word not in allowed]


def data_words():
    """Latin words that are data of the demo (usernames, staff names typed in Latin, employer names…)."""
    words = set()
    for user in get_user_model().objects.all():
        words.update(re.findall(r"[A-Za-z]+", f"{user.username} {user.first_name} {user.last_name}"))
    return words


def walk(client, start="/"):
    """Each URL pattern's first page reached by links from `start`: {path: (url name, response)}."""
    seen_names, seen_paths, pages = set(), set(), {}
    queue = deque([start])
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        if path in seen_paths or path.startswith(SKIP_PREFIXES):
            continue
        seen_paths.add(path)
        try:
            match = resolve(urlsplit(path).path)
        except Resolver404:
            continue
        key = match.view_name + ("?" if urlsplit(path).query else "")
        if key in seen_names:
            continue
        seen_names.add(key)
        response = client.get(path)
        if response.status_code != 200 or response.get("Content-Type", "").startswith(SKIP_CONTENT_TYPES):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        pages[path] = (match.view_name, parser)
        for href in parser.links:
            url = urlsplit(urljoin(path, href))
            if url.netloc or url.scheme not in ("", "http") or not url.path.startswith("/"):
                continue
            queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return pages


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small demo center for the module's tests, rolled back afterwards (the other tests never see it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--centers", "1", "--participants", "40", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("username", ["manager", "coordinator"])
def test_every_page_is_in_hebrew(demo, db, client, username):
    client.force_login(get_user_model().objects.get(username=username))
    allowed = ALLOWED_WORDS | data_words()
    pages = walk(client)
    assert len(pages) > 50, f"the walk should reach most of the site, reached {sorted(n for n, _ in pages.values())}"
    english = {}
    for path, (name, parser) in pages.items():
        words = latin_words(" ".join(parser.parts), allowed)
        if words:
            english[f"{name} {path}"] = sorted(set(words))[:12]
    assert not english, "English on Hebrew pages:\n" + "\n".join(f"{page}: {words}" for page, words in english.items())
