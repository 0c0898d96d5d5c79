"""The delivery app's modules import one way, and v3's root-copy rule is keyed on the operation."""

import ast
from pathlib import Path

import pytest
from wagtail.models import APIToken, Page

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [ROOT / "cms" / "delivery", ROOT / "cms" / "api.py"]


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules():
    files = [p for base in PACKAGES for p in ([base] if base.is_file() else base.rglob("*.py"))]
    return {_module_name(p): p for p in files if "management" not in p.parts and "migrations" not in p.parts}


def _absolute(module, path, node):
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _imports(module, path, top_level_only):
    """(imported module, line) of each `import`/`from ... import` of `path`."""
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            target = _absolute(module, path, node)
            yield target, node.lineno
            for alias in node.names:  # `from . import outage` imports a module
                yield f"{target}.{alias.name}", node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno


def test_imports_have_no_cycle():
    """Function-level imports included: none may exist only to dodge a cycle."""
    modules = _modules()
    graph = {
        name: {target for target, _line in _imports(name, path, top_level_only=False) if target in modules}
        for name, path in modules.items()
    }
    cycles = []
    state = {}

    def visit(node, stack):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target, [*stack, target])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_module_reaches_up_to_the_url_wiring():
    """cms/api.py assembles the routers for cms/urls.py; nothing under cms/delivery imports it."""
    upward = [
        f"{path.relative_to(ROOT)}:{line}"
        for name, path in _modules().items()
        if name.startswith("cms.delivery")
        for target, line in _imports(name, path, top_level_only=False)
        if target in ("cms.api", "cms.urls") or target.startswith(("cms.api.", "cms.urls."))
    ]
    assert upward == []


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["copy", "create_alias"])
def test_the_tree_root_is_not_copied_or_aliased(client, superuser, home_page, action):
    _token, plaintext = APIToken.create_token(user=superuser, name="test")
    root = Page.objects.get(depth=1)
    response = client.post(
        f"/api/v3/pages/{root.pk}/actions/{action}/",
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail"] == "The root of the page tree cannot be copied or aliased."
    assert Page.objects.filter(depth=1).count() == 1


def test_production_code_builds_no_test_requests():
    """cms/delivery and cms/api.py build no requests with test tools (rest_framework.test, django.test)."""
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for name, path in _modules().items()
        for target, line in _imports(name, path, top_level_only=False)
        if target.startswith(("rest_framework.test", "django.test"))
    ]
    assert found == []
