"""Photos (validated, resized once per version, served immutable, in the export, in the vCard under 40 KB)
and press desks (hours validated; offered on each person's page and at the top of their organisation)."""

from __future__ import annotations

import io
import re

import pytest
import vobject
from PIL import Image

from contacts_app import create_app
from contacts_app.outputs import photos
from contacts_app.validation.validate import load_directory
from tests.fresh_data import fresh_folder, photo_like


@pytest.fixture
def folder(tmp_path):
    return fresh_folder(tmp_path)


@pytest.fixture
def client(folder):
    app = create_app({"CONTACTS_FILE": str(folder), "RELOAD_INTERVAL": 0, "KEEP_LAST_GOOD": False})
    return app.test_client()


def _photo_line(folder, replacement: str) -> int:
    """Put `replacement` in place of Anna's photo line; the line's number."""
    text = folder.read_text()
    old = '    photo: {file: anna.jpg, credit: "Foto: Per Persson"}'
    folder.write_text(text.replace(old, replacement))
    return text.splitlines().index(old) + 1


@pytest.mark.parametrize("value, col, code, words", [
    ('    photo: {file: ana.jpg, credit: "Foto: P"}', 19, "photo-missing", "did you mean 'anna.jpg'?"),
    ('    photo: {file: ../contacts.yaml, credit: "Foto: P"}', 19, "photo-invalid", "is not inside data/photos/"),
    ('    photo: {file: /etc/hostname, credit: "Foto: P"}', 19, "photo-invalid", "is not inside data/photos/"),
    ('    photo: {file: notes.jpg, credit: "Foto: P"}', 19, "photo-invalid", "is not an image Pillow can read"),
    ('    photo: {file: anna.jpg}', 12, "photo-no-credit", 'add the photographer, e.g. credit: "Foto:'),
    ('    photo: anna.jpg', 12, "photo-invalid", "photo: should be a mapping with file: and credit:"),
])
def test_a_photo_problem_is_a_warning_at_the_value_and_the_photo_is_not_shown(cli, folder, value, col, code, words):
    (folder.parent / "photos" / "notes.jpg").write_text("not a picture")
    line = _photo_line(folder, value)
    status, out, _ = cli("validate", folder)
    assert status == 0  # a warning: the person stays published
    found = [x for x in out.splitlines() if f"[{code}]" in x]
    assert found and found[0].startswith(f"{folder}:{line}:{col}: warning [{code}]"), out
    assert words in found[0]
    assert load_directory(folder).by_id["anna-andersson"].photo is None


def test_a_truncated_image_is_refused(cli, folder):
    path = folder.parent / "photos" / "anna.jpg"
    path.write_bytes(path.read_bytes()[:2000])
    assert "[photo-invalid]" in cli("validate", folder)[1]


def test_a_photo_shows_on_the_page_with_its_credit_in_the_sizes_pages_need(client, folder):
    page = client.get("/people/anna-andersson").get_data(as_text=True)
    assert '<figcaption class="photo-credit">Foto: Per Persson</figcaption>' in page
    names = re.findall(r"/photos/([0-9a-f]{20}-(\d+)\.jpg)", page)
    assert {int(width) for _, width in names} == set(photos.PAGE_WIDTHS)
    for name, width in set(names):
        response = client.get(f"/photos/{name}")
        assert response.status_code == 200 and response.content_type == "image/jpeg"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        image = Image.open(io.BytesIO(response.data))
        assert image.format == "JPEG" and image.width == int(width)
        assert "exif" not in image.info
        again = client.get(f"/photos/{name}", headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304
    assert client.get("/photos/0123456789abcdef0123-160.jpg").status_code == 404
    assert client.get("/photos/../contacts.yaml").status_code == 404


def test_a_photo_is_resized_once_per_version(folder, monkeypatch):
    directory = load_directory(folder)
    photo = directory.by_id["anna-andersson"].photo
    photos.resized.cache_clear()
    opened = []
    real = photos._opened
    monkeypatch.setattr(photos, "_opened", lambda path: (opened.append(path), real(path))[1])
    first = photos.resized(photo.path, photo.digest, 160)
    assert photos.resized(photo.path, photo.digest, 160) == first
    assert len(opened) == 1
    photo_like(folder.parent / "photos" / "anna.jpg", seed=2)  # a new photo under the same name
    changed = load_directory(folder).by_id["anna-andersson"].photo
    assert changed.digest != photo.digest
    assert photos.photo_name(changed, 160) != photos.photo_name(photo, 160)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_the_vcard_carries_a_small_jpeg(client, version):
    text = client.get(f"/people/anna-andersson.vcf?version={version}").get_data(as_text=True)
    card = vobject.readOne(text)
    if version == "3.0":
        assert "PHOTO;ENCODING=b;TYPE=JPEG:" in text
        jpeg = card.photo.value
    else:  # vobject reads a 4.0 data: URI as a list at its comma: the unfolded line is read here
        import base64

        assert card.photo is not None
        line = next(x for x in text.replace("\r\n ", "").split("\r\n") if x.startswith("PHOTO"))
        assert line.startswith("PHOTO:data:image/jpeg;base64,")
        jpeg = base64.b64decode(line.split(",", 1)[1])
    assert len(jpeg) <= 40 * 1024
    image = Image.open(io.BytesIO(jpeg))
    assert image.format == "JPEG" and image.size == (256, 256)
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75


def test_a_large_noisy_photo_still_fits_the_card_limit(tmp_path):
    import random

    noisy = Image.frombytes("RGB", (800, 800), random.Random(3).randbytes(800 * 800 * 3))
    path = tmp_path / "noise.png"
    noisy.save(path)
    assert len(photos.vcard_photo(str(path), "noise")) <= photos.VCARD_PHOTO_BYTES


def test_the_static_export_has_the_photos(cli, folder, tmp_path):
    out = tmp_path / "site"
    assert cli("build", out, folder)[0] == 0
    page = (out / "people" / "anna-andersson.html").read_text()
    src = re.search(r'<img src="([^"]+)"', page).group(1)
    assert src.startswith("../photos/")
    assert Image.open(out / "people" / src).width == 160
    assert len(list((out / "photos").glob("*.jpg"))) == len(photos.PAGE_WIDTHS)
    english = (out / "en" / "people" / "anna-andersson.html").read_text()
    assert (out / "en" / "people" / re.search(r'<img src="([^"]+)"', english).group(1)).is_file()


def test_the_desk_is_offered_on_each_person_of_its_organisation(client):
    page = client.get("/people/bo-berg?lang=en").get_data(as_text=True)
    aside = page[page.index('<aside class="desk-fallback"'):page.index("</aside>")]
    assert "If Bo Berg does not answer:" in aside
    assert 'href="tel:+46910735500"' in aside and "Open: Weekdays 8am–5pm" in aside
    sv = client.get("/people/bo-berg").get_data(as_text=True)
    assert "Om Bo Berg inte svarar:" in sv and "Öppet: Vardagar 08–17" in sv
    other = client.get("/people/cilla-ek").get_data(as_text=True)
    assert "desk-fallback" not in other  # another organisation: no desk
    desk = client.get("/people/pressjouren-skelleftea").get_data(as_text=True)
    assert "desk-fallback" not in desk


def test_the_desk_heads_its_organisations_list(client):
    page = client.get("/?lang=en").get_data(as_text=True)
    group = page[page.index(">Skellefteå Municipality</h2>"):]
    assert group.split("\n", 1)[1].startswith('<aside class="org-desks" aria-label="Press desk">')
    assert "Pressjouren" in group[: group.index("<article")]
    region = page[page.index(">Region Västerbotten</h2>"):]
    assert "org-desks" not in region[: region.index("<article")]


def test_hours_are_checked_as_texts_per_language(cli, folder):
    text = folder.read_text().replace("      en: Weekdays 8am–5pm", "      se: Vardagar")
    folder.write_text(text)
    out = cli("validate", folder)[1]
    assert "[language-unused]" in out


def test_a_desk_without_an_organisation_is_a_warning(cli, write_yaml):
    path = write_yaml("""\
        contacts:
          - id: pressjouren
            kind: desk
            name: Pressjouren
            phones:
              - number: 0910-73 55 00
        """)
    out = cli("validate", path)[1]
    assert f"{path}:4:11: warning [desk-no-organisation]" in out


def test_a_link_out_of_the_photos_folder_is_refused(cli, folder, tmp_path):
    outside = photo_like(tmp_path / "elsewhere.jpg", size=(200, 200))
    (folder.parent / "photos" / "link.jpg").symlink_to(outside)
    _photo_line(folder, '    photo: {file: link.jpg, credit: "Foto: P"}')
    assert "[photo-invalid] the photo 'link.jpg' is not inside data/photos/" in cli("validate", folder)[1]


def test_a_rebuild_after_a_desk_changes_updates_the_pages_that_offer_it(cli, folder, tmp_path):
    out = tmp_path / "site"
    assert cli("build", out, folder)[0] == 0
    assert "0910-73 55 00" in (out / "people" / "bo-berg.html").read_text()
    folder.write_text(folder.read_text().replace("0910-73 55 00", "0910-73 55 99"))
    assert cli("build", out, folder)[0] == 0
    for page in ("people/bo-berg.html", "index.html", "org/skelleftea-kommun/index.html"):
        assert "0910-73 55 99" in (out / page).read_text(), page
    assert "+46 910 73 55 99" in (out / "en" / "people" / "anna-andersson.html").read_text()  # the English form
    assert "0910-73 55" not in (out / "people" / "cilla-ek.html").read_text()
