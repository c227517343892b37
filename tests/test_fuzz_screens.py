"""Hostile query values on every list, filter, record page and export of every screen, as every role:
never a server error.  Generated from the registry of screens and each screen's own filters."""

from __future__ import annotations

import pytest

from admin_site.views import SCREENS

from .conftest import login
from .world import build_world

# One of each kind: empty, not a number, too large, a name for a code, a list, too long, half a date range.
HOSTILE = ("", "abc", "-1", "99999999999999999999", "市公安局", "1,2", "x" * 3000, "2026-01-01 to")
EXPORT_HOSTILE = ("abc", "99999999999999999999", "x" * 3000)
# The screens read query values the same way for every role; a unit account also runs the scoped paths.
ROLES = ("admin", "zhujian")


@pytest.fixture
def world(app):
    return build_world()


def hostile_urls(app) -> list[str]:
    admin = app.extensions["admin"][0]
    urls = []
    for _, _, _, endpoint, _ in SCREENS:
        view = next(view for view in admin._views if view.endpoint == endpoint)
        base = f"/admin/{endpoint}/"
        for value in HOSTILE:
            urls += [f"{base}?page={value}", f"{base}?page_size={value}", f"{base}?sort={value}",
                     f"{base}?desc={value}", f"{base}?search={value}", f"{base}details/?id={value}",
                     f"{base}edit/?id={value}"]
            urls += [f"{base}?flt0_{arg}={value}" for arg in (view._filter_args or {})]
        # An export reads its query values as the list does; each one builds the whole file, so a few.
        urls += [f"{base}export/csv/?page={value}&search={value}" for value in EXPORT_HOSTILE]
        urls += [f"{base}?flt0_{arg}=1&flt1_{arg}=2" for arg in list(view._filter_args or {})[:3]]
        urls.append(f"{base}?flt0_9999=1")
    for page in ("/admin/assessment/", "/admin/assessment/workbook/"):
        urls += [f"{page}?start={start}&end={end}" for start, end in
                 (("0001-01-01", "9999-12-31"), ("2026-12-01", "2026-01-01"), ("abc", ""), ("2026-02-30", "x"))]
    for page in ("/admin/review/", "/admin/review/workbook/"):
        urls += [f"{page}?month={value}" for value in (*HOSTILE, "0000-00", "9999-12", "2026-02-30", "2026-1")]
    return urls


def test_no_query_value_breaks_a_screen(app, world):
    urls = hostile_urls(app)
    failures = []
    for username in ROLES:
        client = app.test_client()
        login(client, username)
        for url in urls:
            try:
                status = client.get(url).status_code
            except Exception as exc:  # the test app lets a screen's exception through
                status = f"{type(exc).__name__}: {str(exc)[:100]}"
            if not isinstance(status, int) or status >= 500:
                failures.append((username, url[:120], status))
    assert len(urls) > 1000
    assert failures == [], "\n".join(map(str, failures[:40]))
