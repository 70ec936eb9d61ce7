"""What every demo user sees: log in as each persona of the seeded Lào Cai demo and follow
every same-site link and GET form from the home page, as a curious user would.

Each page must answer without a server error, be declared Vietnamese (<html lang="vi">), show
no leftover template or format placeholder, and keep its query count bounded. Downloads are
requested too (they must not fail) but not parsed.

The default run crawls one persona per level plus the public portal logged out; set
SEDP_CRAWL_ALL=1 to crawl every demo login (slower, a few minutes).
"""

import io
import os
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from sedp.demo import DEMO_PASSWORD, LOGINS

PAGE_CAP = 400  # pages per persona
PER_ROUTE_CAP = 4  # distinct URLs per (route, query keys): breadth over depth
QUERY_LOG = 40  # pages above this are printed
QUERY_CAP = 80  # pages above this fail
SKIPPED_PREFIXES = ("/static/", "/media/", "/accounts/logout/", "/i18n/")
# One persona per level: province (Sở KHĐT), district (TCKH office), commune planner, village head.
REPRESENTATIVES = ["skhdt", "tckh.batxat", "kh.muonghum", "thon.poho"]
CRAWL_ALL = bool(os.environ.get("SEDP_CRAWL_ALL"))
PERSONAS = ["admin"] + [login.username for login in LOGINS] if CRAWL_ALL else REPRESENTATIVES

# Signs a placeholder reached the user unrendered: a Python format ("%(name)s"), a Django
# variable or tag, or a Python None printed as text.
LEFTOVERS = [
    (re.compile(r"%\(\w+\)[sd]"), "format placeholder"),
    (re.compile(r"\{\{|\}\}|\{%|%\}"), "template tag"),
    (re.compile(r"(?<![\w-])None(?![\w-])"), "None printed"),
    # An English sentence word: a msgid shown untranslated (the demo's own data is Vietnamese;
    # slugs such as "doan-the" are unaccented Vietnamese, hence no hyphen either side).
    (
        re.compile(r"(?<![\w-])(?:the|The|and|with|your|Your|this|This|from|must|cannot)(?![\w-])"),
        "English",
    ),
]
# Attributes users read or that a screen reader says, checked like visible text.
READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # No PDF copies while crawling: LibreOffice takes minutes over the provincial plan's
    # 8,000-row annex of units × indicators (a background job for users); PDF conversion
    # has its own tests in sedp/documents.
    with django_db_blocker.unblock(), override_settings(DOCUMENTS_SOFFICE=""):
        call_command("seed_demo", stdout=io.StringIO())
        yield
        # Leave the shared test database as other modules expect it.
        call_command("flush", interactive=False, verbosity=0)


class PageParser(HTMLParser):
    """Collects the links, GET forms, <html lang> and visible text cells of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self.lang = None
        self.texts: list[str] = []
        self._hidden_depth = 0  # inside <script>, <style> or <template>
        self._form = None  # (action, fields) of the GET form being read
        self._select = None  # (name, first option value, chosen value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.texts.extend(attrs[name] for name in READ_ATTRIBUTES if attrs.get(name))
        if tag == "input" and (attrs.get("type") or "text") == "text" and attrs.get("value"):
            self.texts.append(attrs["value"])  # value="None" from a blank field
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag in ("script", "style", "template"):
            self._hidden_depth += 1
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self._form = (attrs.get("action") or "", [])
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attrs:
                self._select[2] = value
        elif self._form is not None and attrs.get("name") and "disabled" not in attrs:
            self._field(tag, attrs)

    def _field(self, tag, attrs):
        name, fields = attrs["name"], self._form[1]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = [name, None, None]
        elif tag == "textarea":
            fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden_depth:
            self._hidden_depth -= 1
        elif tag == "select" and self._select is not None and self._form is not None:
            name, first, chosen = self._select
            self._form[1].append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None

    def handle_data(self, data):
        if not self._hidden_depth and data.strip():
            self.texts.append(data.strip())


@dataclass
class Crawl:
    pages: int = 0
    problems: list[str] = field(default_factory=list)
    heavy: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)  # links shown that the user may not open


def _same_site(base: str, href: str) -> str | None:
    """The path and query of a link if it stays on this site, else None."""
    href = href.strip()
    if href.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


def _route_key(url: str) -> tuple | None:
    parts = urlsplit(url)
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        name = parts.path
    keys = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    return name, keys


def crawl(client, start: str = "/") -> Crawl:
    result = Crawl()
    queue, found_on, per_route = deque([start]), {start: "(start)"}, {}

    def enqueue(base, href):
        url = _same_site(base, href)
        if url is None or url in found_on:
            return
        key = _route_key(url)
        if per_route.get(key, 0) >= PER_ROUTE_CAP:
            return
        per_route[key] = per_route.get(key, 0) + 1
        found_on[url] = base
        queue.append(url)

    while queue and result.pages < PAGE_CAP:
        url = queue.popleft()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        result.pages += 1
        status, count = response.status_code, len(queries)
        if status >= 500 or status == 404:
            result.problems.append(f"{url}: HTTP {status} (linked from {found_on[url]})")
            continue
        if status == 403:
            result.forbidden.append(f"{url} (linked from {found_on[url]})")
        if count > QUERY_LOG:
            result.heavy.append(f"{count:4d} queries {url}")
        if count > QUERY_CAP:
            result.problems.append(f"{url}: {count} queries (cap {QUERY_CAP})")
        if status in (301, 302, 303, 307, 308):
            enqueue(url, response["Location"])
            continue
        if status != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue  # a download answered (not parsed), or 403/404 for this persona
        parser = PageParser()
        parser.feed(response.content.decode())
        if parser.lang != "vi":
            result.problems.append(f'{url}: <html lang="{parser.lang}">, expected "vi"')
        for text in parser.texts:
            for pattern, what in LEFTOVERS:
                if pattern.search(text):
                    result.problems.append(f"{url}: {what} in text {text[:80]!r}")
        for href in parser.links:
            enqueue(url, href)
        for action, fields in parser.forms:
            target = urljoin(url, action)
            enqueue(url, f"{target.split('?')[0]}?{urlencode(fields)}" if fields else target)
    return result


def _report(persona: str, result: Crawl) -> None:
    print(f"\n{persona}: {result.pages} pages crawled")
    for line in result.heavy:
        print(f"  {line}")
    for line in result.forbidden:
        print(f"  403 {line}")
    assert result.pages > 1, f"{persona}: nothing reachable from the start page"
    assert not result.problems, f"{persona}:\n" + "\n".join(result.problems)


@pytest.mark.django_db
@pytest.mark.parametrize("username", PERSONAS)
def test_every_page_a_demo_user_can_reach_works(demo, client, username):
    assert client.login(username=username, password=DEMO_PASSWORD)
    _report(username, crawl(client, "/"))


@pytest.mark.django_db
def test_the_public_portal_works_logged_out(demo, client):
    result = crawl(client, "/cong-khai/")
    _report("(public)", result)


def test_the_page_parser_finds_what_the_crawl_checks():
    """The checks above can fail: a page with a leftover placeholder and a GET filter is read."""
    parser = PageParser()
    parser.feed(
        '<html lang="en"><body><script>var x = "{{ not shown }}";</script>'
        '<td>None</td><p>Đã lưu %(count)s hoạt động</p><a href="/plans/?page=2">2</a>'
        '<form method="get" action="/plans/">'
        '<input name="q" value="xã" placeholder="Search the plans">'
        '<select name="year"><option value="2025">2025</option>'
        '<option value="2026" selected>2026</option></select></form>'
        '<form method="post" action="/plans/1/delete/"><input name="x"></form></body></html>'
    )
    assert parser.lang == "en"
    assert parser.links == ["/plans/?page=2"]
    assert parser.forms == [("/plans/", [("q", "xã"), ("year", "2026")])]
    found = {what for text in parser.texts for pattern, what in LEFTOVERS if pattern.search(text)}
    assert found == {"format placeholder", "None printed", "English"}
    assert "Search the plans" in parser.texts
    slug = "(van-hoa-the-thao; 10 cơ quan, đơn vị)"
    assert not any(pattern.search(slug) for pattern, _ in LEFTOVERS)
    assert _same_site("/plans/", "https://example.org/") is None
    assert _same_site("/plans/", "/static/app.css") is None
    assert _same_site("/plans/1/", "../2/#top") == "/plans/2/"
