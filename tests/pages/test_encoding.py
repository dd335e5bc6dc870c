"""Decoding page bytes: declarations are tried against the bytes, mojibake is refused."""

from __future__ import annotations

import codecs

from extractors.pages.encoding import (
    decode_html_with_charset,
    header_charset,
    looks_like_mojibake,
    meta_charset,
    normalise_charset,
)

CHINESE = "2024年我国人工智能核心产业规模近9000亿元，同比增长24%，人工智能企业数量超过5300家。"
PAGE = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>{CHINESE}</p></body></html>'


def test_gb_family_is_widened_to_gb18030():
    for name in ("gb2312", "GB2312", "gbk", "x-gbk", "cp936", "GB_2312-80"):
        assert normalise_charset(name) == "gb18030"
    assert normalise_charset("ISO-8859-1") == "cp1252"
    assert normalise_charset("no-such-charset") is None


def test_gb18030_reads_characters_gb2312_cannot_encode():
    # 镕 is outside GB2312 but GB2312-declared pages carry it (GBK servers); GB18030 keeps it.
    text = "朱镕基"
    body = PAGE.replace(CHINESE, text).encode("gbk")
    decoded, codec = decode_html_with_charset(body)
    assert codec == "gb18030" and text in decoded


def test_meta_charset_ignores_script_charset_attributes():
    body = b'<script charset="utf-8" src="x.js"></script><meta charset="gbk">'
    assert meta_charset(body) == "gbk"


def test_header_charset_from_plain_and_scrapy_style_headers():
    assert header_charset({"Content-Type": "text/html; charset=GBK"}) == "GBK"
    assert header_charset({b"Content-Type": [b"text/html;charset=utf-8"]}) == "utf-8"
    assert header_charset({"content-type": "text/html"}) is None
    assert header_charset(None) is None


def test_utf8_bytes_win_over_a_gb2312_declaration():
    decoded, codec = decode_html_with_charset(PAGE.encode("utf-8"), {"Content-Type": "text/html; charset=gb2312"})
    assert codec == "utf-8" and CHINESE in decoded


def test_gbk_bytes_under_a_latin1_header_are_read_by_their_meta():
    decoded, codec = decode_html_with_charset(PAGE.encode("gbk"), {"Content-Type": "text/html; charset=ISO-8859-1"})
    assert codec == "gb18030" and CHINESE in decoded


def test_gbk_bytes_without_any_declaration_are_tried_as_gb18030():
    body = PAGE.replace(' http-equiv="Content-Type" content="text/html; charset=gb2312"', "").encode("gbk")
    decoded, codec = decode_html_with_charset(body)
    assert codec == "gb18030" and CHINESE in decoded


def test_override_wins():
    decoded, codec = decode_html_with_charset(PAGE.encode("gbk"), {"Content-Type": "text/html; charset=utf-8"}, "GB2312")
    assert codec == "gb18030" and CHINESE in decoded


def test_byte_order_mark_wins():
    decoded, codec = decode_html_with_charset(codecs.BOM_UTF8 + PAGE.encode("utf-8"), {"Content-Type": "text/html; charset=gbk"})
    assert codec == "utf-8-sig" and CHINESE in decoded


def test_mojibake_signatures():
    utf8 = CHINESE.encode("utf-8")
    assert looks_like_mojibake(utf8.decode("cp1252", errors="replace"))  # UTF-8 read as windows-1252
    assert looks_like_mojibake(utf8.decode("gb18030", errors="replace"))  # UTF-8 read as GBK
    assert looks_like_mojibake(CHINESE.encode("gbk").decode("latin-1"))  # GBK read as Latin-1
    assert not looks_like_mojibake(CHINESE)
    assert not looks_like_mojibake("Le réseau 5G français compte désormais près de 50 000 antennes à Paris, élargi à Créteil.")
    assert not looks_like_mojibake("China's core AI industry exceeded 1 trillion yuan – up 24% from 2024’s base.")


def test_undecodable_bytes_are_replaced_not_raised():
    body = b'<meta charset="utf-8"><p>\xff\xfe\xfa broken</p>' + "中文".encode("utf-8")
    decoded, _ = decode_html_with_charset(body)
    assert "broken" in decoded
