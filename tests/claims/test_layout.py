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


# -- languages, found by their folders ----------------------------------------------------

def test_every_place_agrees_on_the_languages():
    import click

    from claimtrack import cli
    from config import defaults
    from extractors.claims.pipeline import UnsupportedLanguage, build_pipeline
    from extractors.language import CLAIM_LANGUAGES, choose_language

    folders = sorted(p.name for p in (CLAIMS / "lang").iterdir() if (p / "__init__.py").exists())
    assert list(CLAIM_LANGUAGES) == folders and {"en", "zh"} <= set(folders)
    assert defaults.LANGS == CLAIM_LANGUAGES
    choices = {name: param.type.choices for name, command in cli.commands.items() for param in command.params
               if param.name in ("lang", "langs") and isinstance(param.type, click.Choice)}
    assert {"ingest", "extract", "evaluate"} <= set(choices)
    assert all(tuple(values) == CLAIM_LANGUAGES for values in choices.values())
    for lang in CLAIM_LANGUAGES:
        assert build_pipeline(lang).pipe_names == ["claimtrack_sentences", "claimtrack_quantities", "claimtrack_claims"]
        assert choose_language(lang, "") == lang
    try:
        build_pipeline("fr")
    except UnsupportedLanguage as error:
        assert f"have: {', '.join(CLAIM_LANGUAGES)}" in str(error)
    else:
        raise AssertionError("fr has no rules")


def test_the_help_imports_no_heavy_library():
    import subprocess
    import sys

    probe = ("import sys, claimtrack\n"
             "try:\n    claimtrack.cli(['--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'trafilatura', 'sqlite_utils', 'lxml', 'scrapy'}))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_japanese_and_korean_are_not_chinese():
    from extractors.language import UNKNOWN, choose_language, detect_language

    assert detect_language("人工智能核心产业规模超过1万亿元") == "zh"
    assert detect_language("China is home to more than 5,100 AI companies.") == "en"
    assert detect_language("人工知能の中核産業の規模は1兆元を超えた。") == UNKNOWN
    assert detect_language("인공지능 핵심 산업 규모가 1조 위안을 넘어섰다") == UNKNOWN
    assert detect_language("2025") is None
    # Chinese writes foreign names with the katakana middle dot, and may quote a Japanese brand
    assert detect_language("迈克尔・乔丹说，索尼（ソニー）在华人工智能企业超过5300家，同比增长百分之二十") == "zh"
    assert detect_language("Sony (ソニー) said revenue rose 5 percent to 13 trillion yen in the year.") == "en"
    assert choose_language(None, "人工知能の中核産業の規模は1兆元を超えた。") is None
    assert choose_language("ja", "人工知能の中核産業の規模は1兆元を超えた。") == "ja"
    assert choose_language("en", "人工智能核心产业规模超过1万亿元，企业超过5300家") == "zh"


def test_text_in_a_language_without_rules_is_left_unread():
    from extractors.claims import read_claims
    from extractors.records import Article

    japanese = Article(url="https://example.jp/a", text="人工知能の企業は5300社を超えた。")
    english = Article(url="https://example.com/a", text="China is home to more than 5,100 AI companies.", lang="en")
    readings = read_claims([japanese, english])
    assert readings[0] is None and [c.value for c in readings[1]] == [5100]


# -- every module imports alone ------------------------------------------------------------

# Imports each module of extractors/ first, in a child forked from a process that has loaded
# the third-party libraries but no module of ours, as `python -c "import <module>"` would: an
# import cycle shows up as an ImportError of a partly initialised module. Forking keeps this to
# a second for sixty modules instead of a fresh interpreter (and spaCy) per module.
IMPORT_EACH = r"""
import importlib, os, sys, traceback
from pathlib import Path
import numpy, spacy, trafilatura, lxml.html, pypdfium2, opencc  # noqa: F401  (loaded once, before the fork)

root = Path(sys.argv[1])
names = sorted(".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
               for path in (root / "extractors").rglob("*.py"))
failed = []
for name in names:
    assert not any(module == "extractors" or module.startswith("extractors.") for module in sys.modules)
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if status:
        failed.append(name)
print("imported", len(names), "failed", failed)
"""


def test_every_module_of_extractors_imports_alone():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", IMPORT_EACH, str(REPO)], capture_output=True, text=True, cwd=REPO)
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0 and last.endswith("failed []"), f"{last}\n{result.stderr[-3000:]}"
    assert int(last.split()[1]) > 50
