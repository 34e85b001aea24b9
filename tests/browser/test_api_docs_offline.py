"""The API documentation page renders in Chromium with every other host unreachable: Swagger UI
comes from the application's static files and the content security policy lets it run."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_without_internet_access(live_server, browser_page):
    own_host = urlsplit(live_server.url).netloc
    elsewhere = []

    def only_the_application(route):
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    errors = []
    browser_page.on("console", lambda message: message.type == "error" and errors.append(message))
    browser_page.route("**/*", only_the_application)

    response = browser_page.goto(f"{live_server.url}/api/v1/docs")
    browser_page.locator(".opblock").first.wait_for()

    assert response.status == 200
    assert browser_page.locator(".swagger-ui .title").first.inner_text().startswith("taiex API")
    assert browser_page.locator(".opblock").count() > 10
    assert elsewhere == []
    assert [message.text for message in errors] == []
