"""Tables scroll in their own region without JavaScript: the server wraps each table of <main>
in a named, focusable `.table-scroll` region (taiex.core.table_scroll)."""

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.utils import translation

from taiex.core.table_scroll import TableScrollMiddleware, wrap_tables

TABLE = "<table><caption>Payments</caption><tr><td>1</td></tr></table>"


def test_a_table_with_a_caption_is_named_after_it():
    html = f"<body><main><h1>Money</h1>{TABLE}</main></body>"
    assert 'aria-label="Costs &amp; fees"' in wrap_tables(
        '<main><table><caption>Costs &amp; <span class="muted">fees</span></caption></table></main>'
    )

    assert wrap_tables(html) == (
        "<body><main><h1>Money</h1>"
        '<div class="table-scroll" role="region" tabindex="0" aria-label="Payments">'
        "<table><caption>Payments</caption><tr><td>1</td></tr></table>"
        "</div></main></body>"
    )


def test_a_caption_keeps_its_own_id_and_a_table_without_caption_is_called_table():
    html = (
        '<main><table class="wide"><caption id="costs" class="x">Costs</caption></table>'
        "<p>and</p><table><tr><td>2</td></tr></table></main>"
    )

    assert wrap_tables(html) == (
        '<main><div class="table-scroll" role="region" tabindex="0" aria-labelledby="costs">'
        '<table class="wide"><caption id="costs" class="x">Costs</caption></table></div>'
        '<p>and</p><div class="table-scroll" role="region" tabindex="0" aria-label="Table">'
        "<table><tr><td>2</td></tr></table></div></main>"
    )


def test_the_label_of_a_table_without_caption_is_in_the_page_language():
    with translation.override("fr"):
        wrapped = wrap_tables("<main><table><tr><td>2</td></tr></table></main>")

    assert 'aria-label="Tableau"' in wrapped


def test_a_table_already_in_a_region_and_a_table_outside_main_are_left_alone():
    html = (
        "<header><table><tr><td>h</td></tr></table></header><main>"
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Fee statements">\n  '
        f"{TABLE}</div></main>"
    )

    assert wrap_tables(html) == html


def test_a_plain_wrapper_of_a_template_becomes_a_named_region():
    html = (
        '<main><div class="table-scroll">\n  <table aria-labelledby="group-approved">'
        '<tr><td>1</td></tr></table></div><div class="table-scroll">'
        "<table><caption>Present each day</caption></table></div></main>"
    )

    assert wrap_tables(html) == (
        '<main><div class="table-scroll" role="region" tabindex="0" '
        'aria-labelledby="group-approved">\n  <table aria-labelledby="group-approved">'
        '<tr><td>1</td></tr></table></div><div class="table-scroll" role="region" tabindex="0" '
        'aria-label="Present each day"><table><caption>Present each day'
        "</caption></table></div></main>"
    )


@pytest.mark.parametrize(
    ("path", "content_type", "wrapped"),
    [
        ("/events/costs/", "text/html; charset=utf-8", True),
        ("/admin/events/event/", "text/html; charset=utf-8", False),
        ("/events/costs/costs.csv", "text/csv", False),
    ],
)
def test_the_middleware_wraps_html_pages_but_not_the_admin_or_files(path, content_type, wrapped):
    body = f"<main>{TABLE}</main>"
    middleware = TableScrollMiddleware(
        lambda request: HttpResponse(body, content_type=content_type)
    )

    response = middleware(RequestFactory().get(path))

    assert ('class="table-scroll"' in response.content.decode()) is wrapped
    assert response.content.decode().count("<table>") == 1


def test_the_middleware_leaves_a_streamed_response_alone():
    middleware = TableScrollMiddleware(
        lambda request: StreamingHttpResponse(iter([f"<main>{TABLE}</main>"]))
    )

    response = middleware(RequestFactory().get("/"))

    assert b"".join(response.streaming_content) == f"<main>{TABLE}</main>".encode()
