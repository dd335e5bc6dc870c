"""Latin-script texts in a language without claim rules are told from English by their function
words, so that a French text is never read with the English rules."""

from __future__ import annotations

import json
import sqlite3

import pytest

from extractors.language import detect_language

FRENCH = ("Le chiffre d'affaires de l'industrie chinoise de l'intelligence artificielle a dépassé 1 000 "
          "milliards de yuans en 2025, selon le ministère de l'Industrie et des Technologies de l'information. "
          "Plus de 5 300 entreprises sont actives dans ce secteur, qui a progressé de 24 % en un an.")
SPANISH = ("La industria central de la inteligencia artificial de China superó el billón de yuanes en 2025, "
           "según el ministerio. Más de 5.300 empresas operan en el sector, que creció un 24 por ciento.")
GERMAN = ("Die Kernindustrie der künstlichen Intelligenz in China hat 2025 die Marke von einer Billion Yuan "
          "überschritten, teilte das Ministerium mit. Mehr als 5300 Unternehmen sind in der Branche tätig.")
ENGLISH_WITH_FRENCH_NAMES = (
    "The Banque de France and the Société Générale said on Friday that the core AI industry of China exceeded "
    "1 trillion yuan in 2025, and that more than 5,300 companies were active in the sector.")


@pytest.mark.parametrize(("text", "language"), [
    (FRENCH, "fr"), (SPANISH, "es"), (GERMAN, "de"), (ENGLISH_WITH_FRENCH_NAMES, "en"),
    ("AI 5G 2025: 1.2 trillion yuan", "en"),          # no evidence either way: English, as before
    ("人工智能核心产业规模超过1.2万亿元", "zh"),
])
def test_latin_script_languages_are_told_apart(text, language):
    assert detect_language(text) == language


def test_a_french_text_file_is_recorded_without_claims_and_a_note(run_cli, tmp_path):
    db = tmp_path / "c.db"
    path = tmp_path / "note.txt"
    path.write_text(FRENCH, encoding="utf-8")
    result = run_cli("--db", db, "ingest", path, "--url", "https://example.fr/ia")
    assert result.exit_code == 0, result.stderr
    assert "no claim rules for 'fr' text yet; recorded without claims" in result.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT lang, extractor_version FROM articles").fetchone() == ("fr", None)
        assert connection.execute("SELECT count(*) FROM claims").fetchone() == (0,)
    extracted = run_cli("extract", path)
    assert extracted.exit_code == 1 and "no rules for 'fr' text yet" in extracted.stderr
    forced = run_cli("extract", path, "--lang", "en", "--format", "json")  # --lang still overrides
    assert forced.exit_code == 0 and isinstance(json.loads(forced.stdout), list)
