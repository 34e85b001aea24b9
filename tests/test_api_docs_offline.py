"""The API documentation page works without internet access: Swagger UI's script, style and
icons are the application's static files (django-ninja's, collected with the others), and the
page names no other host, which the content security policy would refuse anyway."""

import re

from django.contrib.staticfiles import finders
from django.test import Client


def docs_page():
    response = Client().get("/api/v1/docs")
    return response, response.content.decode()


def test_the_docs_page_references_no_external_host(db):
    response, content = docs_page()

    assert response.status_code == 200
    assert re.findall(r"(?:https?:)?//[\w.-]+", content) == []
    assert "cdn.jsdelivr.net" not in content


def test_every_asset_of_the_docs_page_is_a_static_file_of_the_application(db):
    _, content = docs_page()

    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', content)

    assert sorted(assets) == [
        "/static/ninja/favicon.png",
        "/static/ninja/favicon.svg",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
        "/static/ninja/swagger-ui.css",
    ]
    assert all(finders.find(asset.removeprefix("/static/")) for asset in assets)
