"""A contacts folder for the freshness, press-desk and photo tests: a person with a photo and a verified
date, a press desk of the same organisation, and a photo made with Pillow that looks like one (a lit face
on a gradient, with texture), large as a camera's would be."""

from __future__ import annotations

import random
import textwrap
from datetime import date, timedelta
from pathlib import Path

RECENT = (date.today() - timedelta(days=20)).isoformat()
OLD = (date.today() - timedelta(days=400)).isoformat()

CONTACTS = f"""\
contacts:
  # The communications head: checked by phone.
  - id: anna-andersson
    kind: person
    name: Anna Andersson
    title:
      sv: Kommunikationschef
      en: Head of Communications
    organisation:
      sv: Skellefteå kommun
      en: Skellefteå Municipality
    phones:
      - number: 0910-73 50 00
        label: switchboard
    emails:
      - anna.andersson@skelleftea.se
    photo: {{file: anna.jpg, credit: "Foto: Per Persson"}}
    verified: {RECENT}

  - id: pressjouren-skelleftea
    kind: desk
    name: Pressjouren
    organisation:
      sv: Skellefteå kommun
      en: Skellefteå Municipality
    phones:
      - number: 0910-73 55 00
        label: press line
    emails:
      - press@skelleftea.se
    hours:
      sv: Vardagar 08–17
      en: Weekdays 8am–5pm
    verified: {RECENT}

  - id: bo-berg
    kind: person
    name: Bo Berg
    title: Kommunalråd
    organisation:
      sv: Skellefteå kommun
      en: Skellefteå Municipality
    emails:
      - bo.berg@skelleftea.se
    verified: {OLD}

  - id: cilla-ek
    kind: person
    name: Cilla Ek
    organisation: Region Västerbotten
    emails:
      - cilla.ek@regionvasterbotten.se
"""


def photo_like(path: Path, size: tuple[int, int] = (1600, 2000), seed: int = 1) -> Path:
    """A JPEG that compresses like a photo: a gradient, a lit oval face and shoulders, blurred speckle."""
    from PIL import Image, ImageDraw, ImageFilter

    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=(60 + y * 100 // height, 90 + y * 60 // height, 140 - y * 50 // height))
    draw.ellipse([width * 0.3, height * 0.17, width * 0.7, height * 0.57], fill=(225, 185, 160))
    draw.rectangle([width * 0.2, height * 0.57, width * 0.8, height], fill=(40, 50, 80))
    rng = random.Random(seed)
    pixels = image.load()
    for _ in range(width * height // 500):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(2, 9)
        base = pixels[x, y]
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(max(0, min(255, v + rng.randint(-30, 30))) for v in base))
    image.filter(ImageFilter.GaussianBlur(1.2)).save(path, quality=92)
    return path


def fresh_folder(root: Path, contacts: str = CONTACTS) -> Path:
    """`root/data/contacts.yaml` with its `photos/anna.jpg`; the contacts file's path."""
    data = root / "data"
    (data / "photos").mkdir(parents=True, exist_ok=True)
    photo_like(data / "photos" / "anna.jpg")
    path = data / "contacts.yaml"
    path.write_text(textwrap.dedent(contacts), encoding="utf-8")
    return path
