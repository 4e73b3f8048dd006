"""The web directory through Flask's test client: every route, header and language."""

from __future__ import annotations

import json
import re

import pytest
import vobject

from contacts_app import create_app
from contacts_app.outputs.vcard import contact_uid
from contacts_app.web.responses import content_disposition
from contacts_app.web.security import HEADERS

SERVED = ["asa-oberg-linden", "lorents-burman", "pressjouren-umea", "inert-text"]


@pytest.fixture
def app_config() -> dict:
    """A public address for the links in vCards; the status page opened to this machine (the opt-in of a
    loopback server with no proxy)."""
    return {"PUBLIC_URL": "https://kontakter.example.se", "STATUS_LOCAL": True}


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response.content_type == "text/html; charset=utf-8"
    return response.get_data(as_text=True)


def ids_on(page: str) -> list[str]:
    """The ids of the contacts a page lists, in order."""
    return re.findall(r'id="name-([a-z0-9-]+)"', page)


# -- the directory ---------------------------------------------------------------------------------


def test_directory_lists_every_valid_contact_grouped_by_organisation(client):
    page = html(client.get("/"))
    assert sorted(ids_on(page)) == sorted(SERVED)
    assert "goran-angstrom" not in page and "Göran" not in page  # the record with an error
    groups = re.findall(r'<h2 id="org-\d+">(.*?)</h2>', page)
    assert groups == ["Länsstyrelsen Västerbotten", "Region Västerbotten", "Skellefteå kommun", "Umeå kommun"]
    assert '<html lang="sv">' in page


def test_a_contact_on_the_directory_is_a_compact_row(client):
    page = html(client.get("/"))
    row = page[page.index('id="name-asa-oberg-linden"') :].split("</article>")[0]
    assert 'href="/people/asa-oberg-linden"' in row
    assert "Pressansvarig, regional utveckling" in row
    assert 'Parti: <abbr title="Socialdemokraterna">S</abbr>' in row
    # the first number, the first address and save, each in its own column of the row
    assert '<li class="slot-call"><a class="action call u-tel" href="tel:+46701234567">' in row
    assert '<span class="action-value">070-123 45 67</span>' in row and "Ring (mobil)" in row
    assert "Ring (växel)" not in row  # every number is on the person page
    assert '<li class="slot-mail"><a class="action mail u-email" href="mailto:asa.oberg-linden@regionvasterbotten.se">' in row
    assert '<li class="slot-save"><a class="action save" href="/people/asa-oberg-linden.vcf?lang=sv" download' in row
    assert 'aria-label="Spara kontakt (vCard): Åsa Öberg-Lindén"' in row


def test_an_address_may_break_only_after_its_at_sign_and_dots(client):
    page = html(client.get("/people/asa-oberg-linden"))
    assert "asa.<wbr>oberg-linden@<wbr>regionvasterbotten.<wbr>se" in page
    assert '<a class="action mail u-email" href="mailto:asa.oberg-linden@regionvasterbotten.se">' in page


def test_numbers_in_the_pages_language_while_links_stay_e164(client):
    swedish, english = html(client.get("/people/lorents-burman")), html(client.get("/people/lorents-burman?lang=en"))
    for page in (swedish, english):
        assert 'href="tel:+46910735000"' in page
    assert ">0910-73 50 00</span>" in swedish and "+46 910 73 50 00" not in swedish
    assert ">+46 910 73 50 00</span>" in english and "0910-73 50 00" not in english


def test_party_is_spelled_out_in_the_pages_language(client):
    assert '<abbr title="Socialdemokraterna">S</abbr>' in html(client.get("/people/lorents-burman"))
    assert '<abbr title="Social Democratic Party">S</abbr>' in html(client.get("/people/lorents-burman?lang=en"))


def meta(page: str) -> dict[str, str]:
    """The page's <meta name=…> and <meta property=…> values."""
    return dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', page))


def test_description_and_open_graph_on_every_page(client):
    person = meta(html(client.get("/people/lorents-burman?lang=en")))
    assert person["description"] == person["og:description"] == (
        "Lorents Burman: Municipal councillor in Skellefteå, Skellefteå Municipality (Social Democratic Party)"
    )
    assert person["og:title"] == "Lorents Burman – Press contacts" and person["og:type"] == "profile"
    assert person["og:url"] == "https://kontakter.example.se/people/lorents-burman?lang=en"
    directory = meta(html(client.get("/")))
    assert directory["description"] == "4 talespersoner att ringa, mejla och spara i telefonen."
    assert directory["og:url"] == "https://kontakter.example.se/" and directory["og:type"] == "website"
    searched = meta(html(client.get("/?q=burman")))
    assert searched["og:description"] == "1 kontakt som matchar “burman”."
    assert searched["og:url"] == "https://kontakter.example.se/?q=burman" and searched["og:title"] == "burman – Presskontakter"
    organisation = meta(html(client.get("/?org=umea-kommun")))
    assert organisation["description"].startswith("Presskontakter på Umeå kommun")
    missing = client.get("/people/nobody")
    assert missing.status_code == 404 and meta(missing.get_data(as_text=True))["og:title"].startswith("Sidan finns inte")


def test_h_card_and_json_ld(client):
    page = html(client.get("/?q=åsa"))
    assert 'class="row h-card"' in page and 'class="p-name u-url"' in page and "p-job-title" in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@context"] == "https://schema.org"
    assert data["@graph"] == [
        {
            "@type": "Person",
            "name": "Åsa Öberg-Lindén",
            "url": "https://kontakter.example.se/people/asa-oberg-linden",
            "jobTitle": "Pressansvarig, regional utveckling",
            "worksFor": {"@type": "Organization", "name": "Region Västerbotten"},
            "telephone": ["+46701234567", "+4690161000"],
            "email": ["asa.oberg-linden@regionvasterbotten.se"],
            "affiliation": {"@type": "PoliticalParty", "name": "Socialdemokraterna", "alternateName": "S"},
        }
    ]
    english = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                   html(client.get("/?q=åsa&lang=en")), re.S).group(1))
    assert english["@graph"][0]["affiliation"] == {
        "@type": "PoliticalParty", "name": "Social Democratic Party", "alternateName": "S"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("burman", ["lorents-burman"]),
        ("BURMAN", ["lorents-burman"]),
        ("oberg", ["asa-oberg-linden"]),  # å, ä, ö match their plain letters
        ("Öberg lindén", ["asa-oberg-linden"]),
        ("kommunalråd", ["lorents-burman"]),  # title
        ("councillor", ["lorents-burman"]),  # English title
        ("umeå", ["pressjouren-umea"]),  # organisation
        ("skellefteå municipality", ["lorents-burman"]),
        ("ångström", []),  # has an error: never found
        ("nobody", []),
    ],
)
def test_search_without_javascript(client, query, expected):
    page = html(client.get("/", query_string={"q": query}))
    assert ids_on(page) == expected
    assert f'value="{query}"' in page or "&" in query
    if not expected:
        assert "Ingen kontakt matchar sökningen." in page
        assert "contacts.vcf" not in page


def test_organisation_filter_and_download_of_the_current_view(client):
    page = html(client.get("/?org=umea-kommun"))
    assert ids_on(page) == ["pressjouren-umea"]
    assert '<option value="umea-kommun" selected>Umeå kommun</option>' in page
    assert 'href="/contacts.vcf?org=umea-kommun&amp;lang=sv"' in page
    assert "Ladda ner alla (1) som vCard" in page


def test_search_form_is_labelled_and_keeps_the_query_escaped(client):
    page = html(client.get("/", query_string={"q": '"><script>x</script>'}))
    assert '<form class="search" role="search" method="get" action="/">' in page
    assert '<label for="q">' in page and '<label for="org">' in page
    assert "<script>x" not in page
    assert 'value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"' in page


# -- a person's page ---------------------------------------------------------------------------------


def test_person_page(client):
    page = html(client.get("/people/asa-oberg-linden"))
    assert "<title>Åsa Öberg-Lindén – Presskontakter</title>" in page
    assert '<h1 class="card-name" id="name-asa-oberg-linden">' in page
    assert "<p class=\"card-org p-org\">Region Västerbotten</p>" in page
    assert 'href="tel:+46701234567"' in page and 'href="/people/asa-oberg-linden.vcf?lang=sv"' in page
    assert '<div class="qr-box" role="img" aria-label="QR-kod för att spara kontaktkortet för Åsa Öberg-Lindén">' in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox=' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Person" and data["name"] == "Åsa Öberg-Lindén"


def test_qr_code_carries_the_address_of_the_persons_vcard(client):
    from contacts_app.outputs.qr import qr_svg

    page = html(client.get("/people/lorents-burman"))
    assert qr_svg("https://kontakter.example.se/people/lorents-burman.vcf") in page
    english = html(client.get("/people/lorents-burman?lang=en"))
    assert qr_svg("https://kontakter.example.se/people/lorents-burman.vcf?lang=en") in english
    assert client.get("/people/lorents-burman.vcf?lang=en").headers["Content-Type"] == "text/vcard; charset=utf-8"


def test_without_public_url_the_qr_code_never_carries_the_host_a_request_names(contacts_file):
    from contacts_app.outputs.qr import qr_svg

    client = create_app({"CONTACTS_FILE": str(contacts_file)}).test_client()
    forged = html(client.get("/people/lorents-burman", headers={"Host": "evil.example"}))
    assert "evil.example" not in forged
    assert qr_svg("http://localhost/people/lorents-burman.vcf") in forged  # the one base of every visitor
    page = html(client.get("/people/lorents-burman", headers={"Host": "kontakter.example.se"}))
    assert "evil.example" not in page and qr_svg("http://localhost/people/lorents-burman.vcf") in page


def test_qr_code_is_also_an_image_of_its_own_with_validators(client):
    page = html(client.get("/people/lorents-burman"))
    response = client.get("/people/lorents-burman.svg")
    assert response.status_code == 200 and response.headers["Content-Type"] == "image/svg+xml"
    assert response.get_data(as_text=True) in page  # the very code the page shows
    assert re.fullmatch(r'"[0-9a-f]{32}"', response.headers["ETag"]) and response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Last-Modified"].endswith(" GMT")
    again = client.get("/people/lorents-burman.svg", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    english = client.get("/people/lorents-burman.svg?lang=en")
    assert english.status_code == 200 and english.data != response.data
    assert english.get_data(as_text=True) in html(client.get("/people/lorents-burman?lang=en"))
    assert client.get("/people/nobody.svg").status_code == 404


def test_desk_is_a_contact_point(client):
    page = html(client.get("/people/pressjouren-umea"))
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "ContactPoint" and data["contactType"] == "press"


# -- languages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, accept, lang",
    [
        ("", None, "sv"),
        ("?lang=en", None, "en"),
        ("?lang=sv", "en-GB,en;q=0.9", "sv"),
        ("", "en-GB,en;q=0.9", "en"),
        ("", "sv-SE,sv;q=0.9,en;q=0.5", "sv"),
        ("", "de-DE,de;q=0.9", "sv"),
        ("?lang=fi", "en", "en"),
    ],
)
def test_language_from_the_query_then_accept_language(client, query, accept, lang):
    headers = {"Accept-Language": accept} if accept else {}
    for path in ("/", "/people/lorents-burman"):
        response = client.get(path + query, headers=headers)
        page = html(response)
        assert f'<html lang="{lang}">' in page
        assert "Accept-Language" in response.headers["Vary"]
        title = "Municipal councillor in Skellefteå" if lang == "en" else "Kommunalråd"
        assert title in page


def test_english_page_uses_english_titles_organisations_and_words(client):
    page = html(client.get("/?lang=en"))
    assert "Skellefteå Municipality" in page and "Press officer, regional development" in page
    assert "Call (mobile)" in page and "Save contact (vCard)" in page
    assert 'Party: <abbr title="Social Democratic Party">S</abbr>' in page
    assert 'href="/people/lorents-burman?lang=en"' in page  # the chosen language is kept
    assert 'href="?lang=sv" lang="sv" hreflang="sv">På svenska</a>' in page
    assert "Kommunalråd" not in page


# -- vCards ---------------------------------------------------------------------------------------


def test_person_vcard_headers(client):
    response = client.get("/people/asa-oberg-linden.vcf")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/vcard; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"asa-oberg-linden.vcf\"; "
        "filename*=UTF-8''%C3%85sa%20%C3%96berg-Lind%C3%A9n.vcf"
    )
    assert re.fullmatch(r'"[0-9a-f]{32}"', response.headers["ETag"])
    assert response.headers["Last-Modified"].endswith(" GMT")
    assert response.headers["Cache-Control"] == "no-cache"


def test_person_vcard_content(client):
    body = client.get("/people/asa-oberg-linden.vcf").data
    assert body.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    card = vobject.readOne(body.decode("utf-8"))
    assert card.fn.value == "Åsa Öberg-Lindén"
    assert card.title.value == "Pressansvarig, regional utveckling"
    assert card.org.value == ["Region Västerbotten"]
    assert card.url.value == "https://kontakter.example.se/people/asa-oberg-linden"
    assert card.uid.value == contact_uid("asa-oberg-linden")
    assert [t.value for t in card.contents["tel"]] == ["+46701234567", "+4690161000"]


def test_person_vcard_in_english_and_40(client):
    english = client.get("/people/asa-oberg-linden.vcf?lang=en").get_data(as_text=True)
    assert "TITLE:Press officer\\, regional development\r\n" in english
    assert "URL:https://kontakter.example.se/people/asa-oberg-linden?lang=en\r\n" in english
    assert "NOTE:Party: S\r\n" in english
    v4 = client.get("/people/asa-oberg-linden.vcf?version=4.0").get_data(as_text=True)
    assert v4.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "TEL;TYPE=work,cell,voice;VALUE=uri:tel:+46701234567\r\n" in v4


def test_bad_vcard_version_is_a_400_page(client):
    response = client.get("/people/asa-oberg-linden.vcf?version=2.1")
    assert response.status_code == 400
    assert "version must be one of 3.0, 4.0" in response.get_data(as_text=True)


def test_etag_answers_if_none_match_with_304(client):
    first = client.get("/people/lorents-burman.vcf")
    again = client.get("/people/lorents-burman.vcf", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    since = client.get("/people/lorents-burman.vcf", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    other = client.get("/people/lorents-burman.vcf?lang=en", headers={"If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200


@pytest.mark.parametrize("path", ["/", "/people/lorents-burman", "/people/lorents-burman.vcf",
                                  "/people/lorents-burman.svg", "/contacts.vcf", "/api/contacts/lorents-burman"])
def test_every_answer_decides_its_preconditions_the_same_way(client, path):
    etag = client.get(path).headers["ETag"]
    assert client.get(path, headers={"If-Match": '"another-version"'}).status_code == 412
    assert client.get(path, headers={"If-Match": etag}).status_code == 200
    assert client.get(path, headers={"If-Match": "*"}).status_code == 200
    assert client.get(path, headers={"If-None-Match": f'"x", {etag}'}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"x"'}).status_code == 200


def test_all_vcards_follow_the_current_view(client):
    everyone = client.get("/contacts.vcf")
    assert everyone.headers["Content-Type"] == "text/vcard; charset=utf-8"
    assert everyone.headers["Content-Disposition"] == (
        "attachment; filename=\"contacts.vcf\"; filename*=UTF-8''contacts.vcf"
    )
    cards = list(vobject.readComponents(everyone.get_data(as_text=True)))
    assert sorted(c.fn.value for c in cards) == sorted(
        ["Åsa Öberg-Lindén", "Lorents Burman", "Pressjouren", "Märta <script>alert(1)</script> Ek"]
    )
    filtered = client.get("/contacts.vcf?q=burman&lang=en").get_data(as_text=True)
    assert filtered.count("BEGIN:VCARD") == 1 and "TITLE:Municipal councillor in Skellefteå" in filtered
    assert client.get("/contacts.vcf?q=nobody").data == b""


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Lorents Burman.vcf", "attachment; filename=\"id.vcf\"; filename*=UTF-8''Lorents%20Burman.vcf"),
        (
            'Märta "Ek"\r\nSet-Cookie: a=b.vcf',
            "attachment; filename=\"id.vcf\"; filename*=UTF-8''M%C3%A4rta%20EkSet-Cookie%3A%20a%3Db.vcf",
        ),
        ("../../etc/passwd", "attachment; filename=\"id.vcf\"; filename*=UTF-8''....etcpasswd"),
    ],
)
def test_content_disposition_cannot_carry_a_header_or_path(name, expected):
    assert content_disposition("id.vcf", name) == expected


# -- JSON twins -------------------------------------------------------------------------------------


def test_api_contacts_has_the_shape_of_contacts_export(client, cli, contacts_file):
    code, out, _ = cli("export", contacts_file, "--format", "json")
    assert code == 0
    response = client.get("/api/contacts")
    assert response.headers["Content-Type"] == "application/json"
    assert response.get_json() == json.loads(out)
    assert [c["id"] for c in client.get("/api/contacts?q=burman").get_json()] == ["lorents-burman"]


def test_api_contact_and_its_etag(client):
    response = client.get("/api/contacts/asa-oberg-linden")
    data = response.get_json()
    assert data["name"] == "Åsa Öberg-Lindén"
    assert data["phones"][0] == {
        "e164": "+46701234567", "national": "070-123 45 67", "international": "+46 70 123 45 67",
        "type": "mobile", "label": "mobile",
    }
    assert client.get("/api/contacts/asa-oberg-linden", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_api_unknown_id_is_a_json_404(client):
    response = client.get("/api/contacts/goran-angstrom")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


# -- errors, odd paths, inert content ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/people/nobody",
        "/people/nobody.vcf",
        "/people/goran-angstrom",
        "/people/",
        "/people/a/b",
        "/people/%00",
        "/people/%ff%fe",
        "/people/..%2f..%2fetc%2fpasswd",
        "/static/../data/contacts.yaml",
        "/static/..%2fdata%2fcontacts.yaml",
        "/contacts.yaml",
        "/" + "x" * 5000,
        "/people/lorents-burman.vcf/",
        "/index.php?<script>",
    ],
)
def test_odd_paths_get_a_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Sidan finns inte" in page and "Traceback" not in page
    assert response.headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]


def test_404_page_in_english(client):
    page = client.get("/people/nobody?lang=en").get_data(as_text=True)
    assert "Page not found" in page and '<html lang="en">' in page


def test_wrong_method_is_a_page_not_a_500(client):
    response = client.post("/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_an_unexpected_error_is_a_500_page_without_traceback(contacts_file):
    app = create_app({"CONTACTS_FILE": str(contacts_file)})

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    for path, kind in (("/boom", "text/html; charset=utf-8"),):
        response = app.test_client().get(path)
        assert response.status_code == 500 and response.content_type == kind
        body = response.get_data(as_text=True)
        assert "secret detail" not in body and "Traceback" not in body and "Något gick fel" in body
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_markup_in_a_name_is_inert(client):
    for path in ("/", "/people/inert-text", "/?q=märta"):
        page = html(client.get(path))
        assert "<script>alert" not in page and "<img src=x>" not in page
        assert "Märta &lt;script&gt;alert(1)&lt;/script&gt; Ek" in page
        ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        assert len(ld) == 1 and "<" not in ld[0]
        assert any("Märta <script>alert(1)</script> Ek" in json.dumps(json.loads(ld[0]), ensure_ascii=False) for _ in [0])
    assert page.count("<script") == 1


@pytest.mark.parametrize(
    "path", ["/", "/?q=burman", "/people/lorents-burman", "/people/lorents-burman.vcf", "/contacts.vcf",
             "/api/contacts", "/api/contacts/lorents-burman", "/_status", "/people/nobody", "/static/style.css"],
)
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_load_nothing_from_other_hosts(client):
    for path in ("/", "/people/asa-oberg-linden", "/_status"):
        page = html(client.get(path))
        for ref in re.findall(r'(?:src|href)="([^"]+)"', page):
            assert not re.match(r"(https?:)?//", ref), ref
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.content_type.startswith("text/css")
    assert "url(" not in css.get_data(as_text=True) and "@import" not in css.get_data(as_text=True)


# -- staff status --------------------------------------------------------------------------------------


def test_status_lists_findings_and_when_loaded(client, contacts_file):
    page = html(client.get("/_status?lang=en"))
    assert f"{contacts_file}:63:17" in page and "[phone-invalid]" in page
    assert "Contacts served</dt><dd>4</dd>" in page
    # the moment in local time to the second, in words; the machine-readable UTC one without microseconds
    assert re.search(r'Loaded</dt><dd><time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00">'
                     r'\d{1,2} [A-Z][a-z]+ \d{4} \d\d:\d\d:\d\d', page)
    assert client.get("/_status").headers["Cache-Control"] == "no-store"
    data = client.get("/api/status").get_json()
    assert data["contacts"] == 4 and data["errors"] == 1 and data["failed_reload"] is None
    assert data["findings"][0]["code"] == "phone-invalid" and data["findings"][0]["line"] == 63


def test_status_speaks_the_pages_language_in_local_time(client, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    try:
        page = html(client.get("/_status", headers={"Accept-Language": "sv"}))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert '<html lang="sv">' in page and "Kontakter som visas</dt><dd>4</dd>" in page
    assert re.search(r"Inläst</dt><dd><time [^>]*>\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|"
                     r"september|oktober|november|december) \d{4} \d\d:\d\d:\d\d CES?T</time>", page)
    assert "1 ny kontakt är inte publicerad än: goran-angstrom, eftersom på 63:17" in page


def test_the_public_never_sees_findings(client):
    for path in ("/", "/people/asa-oberg-linden", "/?q=ångström", "/api/contacts", "/contacts.vcf"):
        body = client.get(path).get_data(as_text=True)
        assert "phone-invalid" not in body and "not a number in use" not in body and "Ångström" not in body


def test_status_is_hidden_from_other_machines_and_behind_proxies(client):
    assert client.get("/_status", environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 404
    assert client.get("/_status", headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 404
    assert client.get("/api/status", environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 404


def test_status_is_closed_without_a_token_or_the_local_opt_in(contacts_file):
    client = create_app({"CONTACTS_FILE": str(contacts_file)}).test_client()
    assert client.get("/_status").status_code == 404 and client.get("/api/status").status_code == 404


def test_status_with_a_token(contacts_file):
    app = create_app({"CONTACTS_FILE": str(contacts_file), "STATUS_TOKEN": "s3cret-token"})
    client = app.test_client()
    outside = {"REMOTE_ADDR": "203.0.113.7"}
    refused = client.get("/_status", environ_base=outside)
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Basic ")
    assert client.get("/_status", environ_base=outside, auth=("staff", "wrong")).status_code == 401
    assert client.get("/_status", environ_base=outside, auth=("staff", "s3cret-token")).status_code == 200
    bearer = {"Authorization": "Bearer s3cret-token"}
    assert client.get("/api/status", environ_base=outside, headers=bearer).status_code == 200
