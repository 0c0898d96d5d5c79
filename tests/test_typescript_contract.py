"""A frontend's typed client: TypeScript types from /api/v2/openapi.json (openapi-typescript) and a
consumer plus real responses type-checked with `tsc --strict` (contract/, installed by npm)."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from tests.api_helpers import translate_tree

pytestmark = pytest.mark.django_db

CONTRACT = Path(__file__).resolve().parent.parent / "contract"
GENERATED = CONTRACT / "generated"
BIN = CONTRACT / "node_modules" / ".bin"


def npm_tools():
    """The pinned tools (package-lock.json); `make test` installs them, this does too if needed."""
    if not (BIN / "tsc").exists() or not (BIN / "openapi-typescript").exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed: apt-get install npm"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CONTRACT, check=True, timeout=300)


def run(tool, *args):
    return subprocess.run([str(BIN / tool), *args], cwd=CONTRACT, capture_output=True, text=True, timeout=300)


def typed_samples(samples):
    lines = ['import type { components, paths } from "./api-v2";', 'type S = components["schemas"];']
    for name, (type_name, data) in samples.items():
        lines.append(f"export const {name}: {type_name} = {json.dumps(data, ensure_ascii=False)};")
    return "\n".join(lines) + "\n"


@pytest.fixture
def hero(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1300, 700), (40, 90, 160)).save(buffer, "PNG")
    return Image.objects.create(title="Hero", description="A hero", file=ImageFile(buffer, name="hero.png"))


def test_generated_types_check_against_the_consumer_and_real_responses(
    client, make_article, hero, modalities
):
    npm_tools()
    page = make_article(hero_image=hero)
    spanish = translate_tree(page, "es")
    listing = "/api/v2/articles/?locale=de&fallback=en&fields=*"
    samples = {
        "detail": ('S["ArticlePage"]', client.get(f"/api/v2/articles/{spanish.pk}/").json()),
        "listing": (
            'paths["/api/v2/articles/"]["get"]["responses"]["200"]["content"]["application/json"]',
            client.get(listing).json(),
        ),
        "byPath": (
            'S["ArticlePage"]',
            client.get("/api/v2/articles/by-path/?path=/es/treatments/treating-lung-cancer/").json(),
        ),
        "section": ('S["ArticleIndexPage"]', client.get(f"/api/v2/pages/{page.get_parent().pk}/").json()),
        "condition": ('S["Condition"]', client.get(f"/api/v2/conditions/{page.condition_id}/").json()),
        "changes": ('S["ChangeFeed"]', client.get("/api/v2/changes/").json()),
        "problem": ('S["Problem"]', client.get("/api/v2/articles/?locale=xx").json()),
    }
    assert samples["detail"][1]["body"][1]["type"] == "treatment"
    GENERATED.mkdir(exist_ok=True)
    (GENERATED / "openapi.json").write_text(json.dumps(client.get("/api/v2/openapi.json").json()))
    generate = run("openapi-typescript", "generated/openapi.json", "--output", "generated/api-v2.ts")
    assert generate.returncode == 0, generate.stderr
    (GENERATED / "samples.ts").write_text(typed_samples(samples))
    checked = run("tsc", "--strict", "-p", "tsconfig.json")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # The check can fail: a response with a block type the document does not know is refused.
    detail = samples["detail"][1]
    wrong = {**detail, "body": [{**detail["body"][0], "type": "video"}]}
    (GENERATED / "samples.ts").write_text(typed_samples({"detail": ('S["ArticlePage"]', wrong)}))
    refused = run("tsc", "--strict", "-p", "tsconfig.json")
    assert refused.returncode != 0 and "video" in refused.stdout
    (GENERATED / "samples.ts").unlink()
