"""The layout of extractors/ holds: shared claim code never reaches into a language folder."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

CLAIMS = REPO / "extractors" / "claims"


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_shared_claim_modules_import_no_language_folder():
    shared = [path for path in CLAIMS.rglob("*.py") if "lang" not in path.relative_to(CLAIMS).parts[:1]]
    assert len(shared) > 10
    for path in shared:
        reaching = {name for name in imported_modules(path) if name.startswith("extractors.claims.lang")}
        assert not reaching, f"{path.relative_to(REPO)} imports {sorted(reaching)}: hand the data over through the rules class"


def test_a_language_folder_imports_no_other_language():
    for folder in (CLAIMS / "lang").iterdir():
        if not (folder / "__init__.py").exists():
            continue
        for path in folder.rglob("*.py"):
            others = {name for name in imported_modules(path)
                      if name.startswith("extractors.claims.lang.") and name.split(".")[3] != folder.name}
            assert not others, f"{path.relative_to(REPO)} imports {sorted(others)}"
