import re

from hizdamnut.centers.roles import Role


def inline_scripts(response):
    """The attributes of each inline script that runs (JSON data blocks do not)."""
    found = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    return [attributes for attributes in found if "application/json" not in attributes]


def policy(response):
    return dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )


def test_scripts_are_limited_to_our_origin_and_the_request_nonce(coordinator_client):
    response = coordinator_client.get("/")
    scripts = policy(response)["script-src"]
    assert "'self'" in scripts and "'unsafe-inline'" not in scripts
    nonce = re.search(r"'nonce-([^']+)'", " ".join(scripts)).group(1)
    inline = inline_scripts(response)
    assert inline and all(f'nonce="{nonce}"' in attributes for attributes in inline)


def test_pages_have_no_inline_event_handlers(coordinator_client):
    html = coordinator_client.get("/").content.decode()
    assert not re.search(r"\son[a-z]+=", html)


def test_inline_chart_scripts_carry_the_nonce(client, staff):
    client.force_login(staff(Role.MANAGER, username="boss"))
    response = client.get("/reports/")
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    inline = inline_scripts(response)
    assert inline and all(f'nonce="{nonce}"' in attributes for attributes in inline)


def test_framing_is_refused(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == ["'none'"]
