"""Chinese rules for claim assembly: sentences, tokens, time expressions, credits, kind and modality.

The shared assembly (``extractors/claims/assembly/``) asks a language for readings of each
sentence and each number; this module gives them for Chinese text, so that 人工智能核心产业
规模超过1万亿元 becomes the same CLAIMS.md record as "the core AI industry exceeded 1 trillion
yuan". The package's ``__init__`` registers the Chinese pipeline components with these rules.

Everything is read on the folded text of ``extractors.claims.lang.zh.text.readable_view`` (simplified
script, half-width, pinyin glosses dropped) and mapped back to the text as given, so
traditional script, full-width digits and glossed mojibake read like plain text.

- Sentences: the shared splitter, then bullets written on one line ("… - 截至…") become
  paragraphs of their own, and a quotation is one sentence with the speech tag after it
  (“……。”张晓表示。) so the speaker credits the figures inside.
- Tokens for alias matching (``reading.py``, with the text read once): one per character, Latin words and digit runs whole and
  case-folded, and a few words kept whole that the assembly looks for (核心 "core", 规模
  "scale"); the particle 的 is no token, so 生成式人工智能产品的用户规模 reads as the alias
  生成式人工智能产品用户规模 (in the text and in the aliases alike); matching is then substring
  matching, longest alias first.
- Periods: ``periods.parse_periods_zh`` (``lang/zh/periods.py``) on the whole text, once; 近五年 after an explicit
  year ends at that year, and 目前 after an explicit "as of" date of the same paragraph
  refers to it.
- Credits: ``credits.py`` (``chinese_credits``).
- Kind: the last cue of ``data/kinds.tsv`` in the phrase before the number (占比 share,
  同比增长 growth, 新增 change, 增长到 "rose to" a level) or a growth word after a
  percentage ("20%以上的增长率"); declines carry the table's sign.
- Modality: ``data/modality.tsv``; weak cues (将, 可能) only right before a figure.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from extractors.claims import periods
from extractors.claims.assembly.contract import ClaimReading, LanguageRules, ModalityCue, SentenceReading
from extractors.claims.components import PlainTokenizer
from extractors.claims.lang.zh.credits import chinese_credits
from extractors.claims.lang.zh.cues import QUOTE_CLOSE, QUOTE_OPEN, Cues, compiled_cues, cues
from extractors.claims.lang.zh.glosses import HAN, gloss_phrase
from extractors.claims.lang.zh.lexicon import kind_cues, modality_cues
from extractors.claims.lang.zh.reading import (
    CACHE_MIN_CHARS,
    CORE,
    GDP_WORDS,
    GENERIC_SIZE_WORDS,
    TextReading,
    read_text,
    sentence_index,
    tokenize,
)
from extractors.claims.lang.zh.text import TextView, readable_view
from extractors.claims.linking import Token, metric_matcher, organisation_matcher
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence, split_sentences
from extractors.patterns import alternation

SENTENCE_ENDS = "。!?！？"


AS_OF = re.compile(r"(?:截至|截止|截止到|截至到)\s*$")


def _bullet_cuts(text: str, start: int, end: int, bullets: frozenset[str]) -> list[int]:
    """Where bullets written inline start: a lone dash between spaces, before a non-digit."""
    cuts = []
    for index in range(start + 1, end - 2):
        if text[index] in bullets and text[index - 1] in " \t\u3000" and text[index + 1] in " \t\u3000" \
                and not text[index + 2].isdigit():
            cuts.append(index)
    return cuts


def _speech_tag(text: str, sentence: Sentence, cue_words: Cues) -> bool:
    """A short sentence that only says who spoke: 张金瑞表示。 / 郑栅洁说。"""
    body = text[sentence.start:sentence.end].rstrip(SENTENCE_ENDS + " ")
    if not 2 <= len(body) <= 14 or not cue_words.surnames.starting_at(body, 0):
        return False
    match = cue_words.person_speaks.search(body)
    return match is not None and match.end() == len(body) and 2 <= match.start() <= 4 + 8


# A line that ends inside a sentence (a PDF or a page that wraps text) goes on in the next line.
_WRAPPED_LINE = re.compile(r"(?<=[,、;:，、；：])[ \t\u3000]*\n(?=[ \t\u3000]*[^\s\-•·▪●])"
                           r"|(?<=[^\n]{40}[\u4e00-\u9fff0-9])\n(?=[\u4e00-\u9fff])")


LINE_JOINER = "\u2060"   # stands for a joined line break (one character: offsets stay)


def _join_wrapped_lines(text: str) -> str:
    return _WRAPPED_LINE.sub(lambda m: m.group()[:-1] + LINE_JOINER, text) if "\n" in text else text


def chinese_sentences(text: str) -> list[Sentence]:
    cue_words = compiled_cues()
    view = readable_view(text)
    folded = view.text
    base = split_sentences(_join_wrapped_lines(view.text), terminators=".!?", spaceless_terminators=SENTENCE_ENDS)
    # bullets on one line become paragraphs of their own
    pieces: list[tuple[int, int, int, bool]] = []   # start, end, paragraph key, heading
    paragraph = -1
    last_base_paragraph = None
    for sentence in base:
        if sentence.paragraph != last_base_paragraph:
            paragraph += 1
            last_base_paragraph = sentence.paragraph
        cursor = sentence.start
        for cut in _bullet_cuts(folded, sentence.start, sentence.end, cue_words.bullets):
            if folded[cursor:cut].strip():
                pieces.append((cursor, cut, paragraph, False))
            paragraph += 1
            cursor = cut + 1
        while cursor < sentence.end and folded[cursor].isspace():
            cursor += 1
        if cursor < sentence.end:
            pieces.append((cursor, sentence.end, paragraph, sentence.heading))
    # a quotation and the speech tag after it are one sentence
    merged: list[list] = []
    for start, end, paragraph_index, heading in pieces:
        candidate = Sentence(start, end, paragraph_index, heading)
        if merged and merged[-1][2] == paragraph_index and folded[merged[-1][1] - 1] in QUOTE_CLOSE \
                and _speech_tag(folded, candidate, cue_words):
            opening = len(merged) - 1
            while opening > 0 and merged[opening - 1][2] == paragraph_index and len(merged) - opening < 6 \
                    and not any(quantity in folded[merged[opening][0]:merged[opening][1]][:1] for quantity in QUOTE_OPEN):
                opening -= 1
            if folded[merged[opening][0]] in QUOTE_OPEN:
                merged[opening:] = [[merged[opening][0], end, paragraph_index, False]]
                continue
        merged.append([start, end, paragraph_index, heading])
    sentences = []
    for start, end, paragraph_index, heading in merged:
        original_start, original_end = view.span_to_original(start, end)
        sentences.append(Sentence(original_start, original_end, paragraph_index, heading))
    return sentences


def _modality(view_text: str, view: TextView, start: int, end: int, breaks: list[int], cue_words: Cues,
              figure_starts: list[int]) -> list[ModalityCue]:
    found = []
    table = modality_cues()
    for cue_start, cue_end, cue in table.find_all(view_text[start:end]):
        cue_start, cue_end = cue_start + start, cue_end + start
        if not cue.strong:
            following = view_text[cue_end:min(end, cue_end + cue_words.weak_reach)]
            stop = re.search(r"[,。;:]", following)
            reach = view.to_original(cue_end + (stop.start() if stop else len(following)))
            after = view.to_original(cue_end)
            if not any(after <= quantity < reach for quantity in figure_starts):
                continue                  # "将稳步巩固这一成果": no figure follows
        if cue.modality == "target" and _set_as_object(view_text, start, cue_start, cue_words):
            continue
        strength = (3 if cue.modality == "target" else 2) if cue.strong else 1
        clause_start = max([i + 1 for i in range(start, cue_start) if view_text[i] == ";"] + [start])
        introduces_list = ":" in view_text[cue_end:cue_end + 2]
        scope = "sentence" if cue.strong and (cue_start - clause_start <= cue_words.sentence_scope_within or introduces_list) \
            else "clause"
        original_start, original_end = view.span_to_original(cue_start, cue_end)
        found.append(ModalityCue(original_start, original_end, cue.modality, strength, scope))
    if cue_words.plan_goal.search(view_text, start, end):
        # "按照《…行动计划》，到2025年…将超过300EFLOPS": the plan's figures are its targets,
        # in every clause (a target outranks the clause's own forecast word)
        for clause_start in [start, *breaks]:
            position = view.to_original(clause_start)
            found.append(ModalityCue(position, position, "target", 3, "clause"))
    return found


DURATION_FIELDS = ("past_years", "next_years", "within_years", "months_back")


def _clause_breaks(view_text: str, start: int, end: int, cue_words: Cues, aliases: list[int],
                   mentions: list[tuple[int, int, periods.PeriodSpec, str]]) -> list[int]:
    """Where a new clause starts. Commas in Chinese mostly join phrases of one clause
    ("规模达到45.5万亿元,同比名义增长16.2%"): a comma, colon or semicolon breaks only before a
    phrase that names a metric or a counted subject of its own (…,企业超过6200家) or starts with a
    time ("…1.2万亿元,2024年该规模为…");
    spaces between Chinese characters break in summaries written without punctuation."""
    breaks = []
    punctuation = [m.start() for m in re.finditer(r"[,;:]", view_text[start:end])]
    for index, offset in enumerate(punctuation):
        position = start + offset
        phrase_end = start + punctuation[index + 1] if index + 1 < len(punctuation) else end
        lead = position + 1
        while lead < phrase_end and view_text[lead].isspace():
            lead += 1
        names_metric = any(lead <= a < phrase_end for a in aliases)
        starts_with_time = any(lead <= p <= lead + 3 and role not in (periods.BASE, periods.REPORT, periods.DURATION)
                               and not any(getattr(spec, f) for f in DURATION_FIELDS)
                               for p, p_end, spec, role in mentions)
        names_subject = any(view_text.startswith(word, lead) for word in cue_words.subjects)
        if names_metric or names_subject or starts_with_time or (view_text[position] == ";" and modality_cues().starting_at(view_text, lead)):
            breaks.append(position)
    breaks.extend(m.start() for m in cue_words.clause_breaks.finditer(view_text, start, end)
                  if m.start() > start and view_text[m.start()].isspace())
    # a space before a figure that the character before does not lead into: "完成备案 238款"
    for m in re.finditer(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=\d[\d.,]*[ \t]?[^\x00-\x7f\s])", view_text[start:end]):
        if view_text[start + m.start() - 1] not in cue_words.leads_into_figure:
            breaks.append(start + m.start())
    return sorted(set(breaks))


def _set_as_object(view_text: str, start: int, cue_start: int, cue_words: Cues) -> bool:
    """"制定了具体的产业规模发展目标": targets that were set, with no figure between verb and noun."""
    phrase = _phrase_start(view_text, cue_start, start)
    for index in range(cue_start - 1, phrase - 1, -1):
        if re.match(r"[0-9一二三四五六七八九十两百千万亿]", view_text[index]):
            return False
        if cue_words.setting_verbs.starting_at(view_text, index):
            return True
    return False


class CharTokenizer(PlainTokenizer):
    """spaCy's Chinese character segmentation ("char"), in linear time.

    ``spacy.lang.zh.ChineseTokenizer`` aligns its characters with ``util.get_words_and_spaces``,
    which slices the rest of the text for every character: quadratic, minutes for a long white
    paper. This is the same alignment searching from a position: the same tokens, in one pass.
    """

    def __call__(self, text: str) -> Doc:
        # get_words_and_spaces with list(text) as the words, searching from a position
        # instead of in a slice of the rest of the text
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        length = len(text)
        for char in text:
            if char.isspace():
                continue
            start = text.index(char, position)
            if start > position:
                words.append(text[position:start])
                spaces.append(False)
                position = start
            words.append(char)
            spaces.append(False)
            position += 1
            if position < length and text[position] == " ":
                spaces[-1] = True
                position += 1
        if position < length:
            words.append(text[position:])
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


def make_tokenizer(vocab) -> CharTokenizer:
    """The tokenizer a Chinese claim pipeline should use (see ``CharTokenizer``)."""
    return CharTokenizer(vocab)


class ChineseRules(LanguageRules):
    lang = "zh"
    person_credits_reach_back = False
    spaceless_terminators = SENTENCE_ENDS

    def split_sentences(self, text: str) -> list[Sentence]:
        read = read_text(text)
        if read.sentences is None:
            read.sentences = chinese_sentences(text)
        return read.sentences

    def find_quantities(self, text: str) -> list[Quantity]:
        return list(read_text(text).quantities)

    def furniture(self, text: str) -> list[tuple[int, int]]:
        view = read_text(text).view
        spans = []
        for match in compiled_cues().furniture.finditer(view.text):
            if match.end() > match.start():
                spans.append(view.span_to_original(match.start(), match.end()))
        return sorted(spans)

    def tokens(self, text: str, start: int, end: int) -> list[Token]:
        if len(text) < CACHE_MIN_CHARS:
            view = readable_view(text)
            return tokenize(view, view.from_original(start), view.from_original(end) if end < len(text) else len(view.text))
        return read_text(text).tokens(start, end)

    def core_marker(self) -> str:
        return CORE

    def generic_size_words(self) -> frozenset[str]:
        return GENERIC_SIZE_WORDS

    def key_phrase(self, phrase: str) -> str:
        return gloss_phrase(phrase) if HAN.search(phrase) else phrase

    def gdp_tokens(self) -> frozenset[str]:
        return GDP_WORDS

    def undated_year(self, text: str) -> int | None:
        found = compiled_cues().event_year.search(readable_view(text).text)
        return int(found.group("year")) if found else None

    def infer_reference_year(self, text: str) -> int | None:
        # Chinese pages without a date leave 今年 and 目前 unresolved (the gold convention:
        # a year the text does not state is not guessed).
        return None

    def _view_spans(self, text: str, start: int, end: int, pattern: re.Pattern[str], extend: int = 0) -> list[tuple[int, int]]:
        view = read_text(text).view
        low, high = view.from_original(start), view.from_original(end) if end < len(text) else len(view.text)
        return [view.span_to_original(m.start(), min(len(view.text), m.end() + extend)) for m in pattern.finditer(view.text, low, high)]

    def rank_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        return self._view_spans(text, start, end, compiled_cues().ranks)

    def share_whole_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        return self._view_spans(text, start, end, compiled_cues().share_wholes)

    def counted_place_sets(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        view = read_text(text).view
        low, high = view.from_original(start), view.from_original(end) if end < len(text) else len(view.text)
        return [(*view.span_to_original(m.start(), m.end()), f"{m.group('number')} countries")
                for m in compiled_cues().counted_places.finditer(view.text, low, high)]

    def names_event(self, text: str, start: int, end: int) -> bool:
        return bool(self._view_spans(text, start, end, compiled_cues().event_word))

    def continues_previous(self, text_before: str) -> bool:
        return "其中" in text_before

    def refers_to_place(self, text_before: str) -> bool:
        return bool(compiled_cues().place_references.search(readable_view(text_before).text))

    def read_sentence(self, text: str, sentence: Sentence) -> SentenceReading:
        cue_words = compiled_cues()
        read = read_text(text)
        view = read.view
        view_text = view.text
        start, end = view.from_original(sentence.start), view.from_original(sentence.end)
        reading = SentenceReading()
        reading.periods = self._periods(text, read, sentence)
        tokens = self.tokens(text, sentence.start, sentence.end)
        aliases = [view.from_original(m.start) for m in metric_matcher("zh", self.tokens).find(tokens)]
        breaks_view = _clause_breaks(view_text, start, end, cue_words, aliases,
                                     [(view.from_original(m.start), view.from_original(m.end), m.spec, m.role)
                                      for m in reading.periods])
        reading.clause_breaks = [view.to_original(b) for b in breaks_view]
        orgs = organisation_matcher("zh", self.tokens).find(tokens)
        reading.credits = chinese_credits(text, read, sentence, orgs)
        low = bisect.bisect_left(read.quantity_starts, sentence.start)
        high = bisect.bisect_left(read.quantity_starts, sentence.end)
        reading.modality = _modality(view_text, view, start, end, breaks_view, cue_words, read.quantity_starts[low:high])
        reading.current_state = bool(cue_words.current_state.search(view_text, start, end))
        reading.respectively = "分别" in view_text[start:end]
        body = view_text[start:end].rstrip()
        reading.question = body.endswith("?") and len(body) > 3
        reading.cites_plan = bool(cue_words.plan_goal.search(view_text, start, end))
        reading.background = bool(cue_words.background_opener.match(view_text, start, end))
        reading.anaphoric_subject = bool(cue_words.anaphoric_subject.match(view_text, start, end))
        return reading

    def _periods(self, text: str, read: TextReading, sentence: Sentence) -> list[periods.PeriodMention]:
        low = bisect.bisect_left(read.period_starts, sentence.start)
        high = bisect.bisect_left(read.period_starts, sentence.end)
        mentions = list(read.periods[low:high])
        adjusted = []
        for mention in mentions:
            spec = mention.spec
            if mention.role == periods.SPAN and (rate := compiled_cues().rate_over_interval.match(
                    read.view.text, read.view.from_original(mention.end))):
                # the interval of a rate stands where the rate is named: it dates the rate, not
                # the figure before it, and starts no new clause
                position = read.view.to_original(rate.end())
                mention = replace(mention, start=position, end=position)
            elif mention.role == periods.BASE and mention.start > sentence.start \
                    and not re.match(r"的?\s*[0-9０-９]", text[mention.end:mention.end + 3]):
                # a comparison point is where its cue stands ("比2023年提高0.5个百分点"): the
                # figure after it does not hold at that time; the base's own value does
                # ("较2020年的7.8%")
                mention = replace(mention, start=mention.start - 1, end=mention.start)
            elif spec.until is not None and spec.year and spec.until.year == spec.year + 4 \
                    and re.match(r"[”」\"]?\s*(?:规划|计划)", read.view.text[read.view.from_original(mention.end):][:4]):
                continue                 # "「十四五」规划纲要": the plan's name, not a time
            elif mention.role == periods.AT and spec.year is not None and AS_OF.search(
                    read.view.text, max(0, read.view.from_original(mention.start) - 4), read.view.from_original(mention.start)):
                mention = replace(mention, as_of=True)
            elif spec.current and self._dated_earlier(text, read, sentence):
                mention = replace(mention, spec=periods.PeriodSpec(anaphor=True))
            adjusted.append(mention)
        return adjusted

    def _dated_earlier(self, text: str, read: TextReading, sentence: Sentence) -> bool:
        """Whether an earlier sentence of the paragraph states an "as of" year and month."""
        sentences = self.split_sentences(text)
        index = sentence_index(read, sentences, sentence.start)
        while index > 0 and sentences[index - 1].paragraph == sentence.paragraph:
            index -= 1
            other = sentences[index]
            low = bisect.bisect_left(read.period_starts, other.start)
            high = bisect.bisect_left(read.period_starts, other.end)
            if any(m.role == periods.AT and m.spec.year is not None and m.spec.month for m in read.periods[low:high]):
                return True
        return False

    def read_claim(self, text, sentence, reading, quantities, index, metric_matches, repeats) -> ClaimReading:
        return _read_claim(text, sentence, reading, quantities[index], quantities)


def _phrase_start(view_text: str, index: int, floor: int) -> int:
    """Start of the phrase holding ``index``: after the last comma, colon or semicolon, or
    a space between two Chinese characters."""
    position = index
    while position > floor:
        char = view_text[position - 1]
        if char in ",;:。":
            break
        if char in " \t\u3000" and position - 2 >= floor and not view_text[position - 2].isascii() \
                and position < len(view_text) and not view_text[position].isascii() and not view_text[position].isspace():
            break
        position -= 1
    return position


def _read_claim(text: str, sentence: Sentence, reading: SentenceReading, quantity: Quantity, others: list[Quantity]) -> ClaimReading:
    cue_words = compiled_cues()
    read = read_text(text)
    view = read.view
    view_text = view.text
    s_start = view.from_original(sentence.start)
    q_start, q_end = view.from_original(quantity.start), view.from_original(quantity.end) if quantity.end < len(text) else len(view_text)
    kind, negative = _kind(view_text, s_start, quantity, q_start, q_end, others, view, cue_words)
    left = view_text[max(s_start, q_start - 12):q_start]
    earlier = [o for o in others if o.end <= quantity.start and quantity.start - o.end < 30]
    equivalent = bool(cue_words.equivalent_before.search(left)) and bool(earlier)
    from_to = None
    if re.search(r"从[^,。;]{0,8}$", left) and not re.search(r"[0-9%]", left[-4:]):
        from_to = "from"
    elif re.search(r"(?:至|到)[^,。;]{0,6}$", left) and "从" in view_text[s_start:q_start]:
        from_to = "to"
    noun_end = None
    if quantity.counted_noun:
        noun_end = quantity.end + len(quantity.counted_noun) + 1
        clause_ends = [b for b in reading.clause_breaks if b >= quantity.end]
        if clause_ends:
            noun_end = min(noun_end, clause_ends[0])
    is_claim = not (quantity.spelled and quantity.counted_noun and quantity.counted_noun[-1] in cue_words.place_suffixes)   # 五家渠市
    metric_phrase = None
    phrase_start = _phrase_start(view_text, q_start, s_start)
    subject = cue_words.bare_subject.search(view_text, max(phrase_start - 1, s_start), q_start) if phrase_start < q_start else None
    if subject is not None and quantity.unit == "count":
        topic = next((english for word, english in cue_words.topics.items() if word in view_text[s_start:subject.start(1)]), None)
        metric_phrase = " ".join(filter(None, [topic, cue_words.subjects[subject.group(1)]]))
    subject_phrase = _subject_phrase(view_text[phrase_start:q_start]) if metric_phrase is None else None
    logistics = bool(cue_words.event_word.search(view_text, s_start, q_start)) and (
        quantity.unit in cue_words.area_units or bool(cue_words.logistics_word.search(view_text, phrase_start, q_start)))
    return ClaimReading(is_claim=is_claim, kind=kind, metric_phrase=metric_phrase, negative=negative, equivalent=equivalent,
                        from_to=from_to, noun_end=noun_end, subject_phrase=subject_phrase, logistics=logistics)


@lru_cache(maxsize=1)
def _subject_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = cues()["metric"]
    return (re.compile(alternation(words["subject_ends"])), re.compile(alternation(words["object_after"])),
            re.compile(words["subject_drop"]))


def _subject_phrase(phrase: str) -> str | None:
    """What the words before a figure say is measured, for a derived key: 2024年我国数据生产
    总量达 -> 我国数据生产总量; 全国已建成国家绿色数据中心 -> 国家绿色数据中心."""
    ends, objects, drop = _subject_patterns()
    phrase = drop.sub("", phrase).strip(" ，,、：:")
    while (lead := ends.match(phrase)) is not None:
        phrase = phrase[lead.end():].lstrip()       # 预计将达到: no subject at all
    end = ends.search(phrase)
    if end is not None:
        phrase = phrase[:end.start()]
    for verb in objects.finditer(phrase):
        if verb.end() < len(phrase):
            phrase = phrase[verb.end():]
    phrase = phrase.strip(" ，,、：:")
    return phrase or None


def _kind(view_text: str, s_start: int, quantity: Quantity, q_start: int, q_end: int, others, view: TextView, cue_words: Cues) -> tuple[str, bool]:
    if quantity.kind_hint in ("multiple", "share", "growth"):
        return quantity.kind_hint, False
    if quantity.unit == "x":
        return "multiple", False
    percent = quantity.unit in ("%", "pp")
    own_phrase = _phrase_start(view_text, q_start, s_start)
    # the phrase before may hold the cue of a percentage whose own phrase is only a verb
    # ("北京占比最高,达到29.73%"; not "新增就业1200万人以上,城镇调查失业率5.5%")
    floor = own_phrase
    if percent and own_phrase > s_start and view_text[own_phrase - 1] == "," and q_start - own_phrase <= 4:
        floor = _phrase_start(view_text, own_phrase - 1, s_start)
    floor = max(floor, q_start - cue_words.max_cue_distance)
    # cues after an earlier figure of the phrase belong to it unless the figures are a list
    for other in others:
        other_end = view.from_original(other.end)
        if other_end <= q_start and other_end > floor and not percent:
            floor = other_end
    chosen = None
    for _, _, cue in kind_cues().find_all(view_text[floor:q_start]):
        value = cue.kind_percent if percent else cue.kind_amount
        if value is not None:
            chosen = (value, cue.sign)
    if quantity.unit == "pp":
        kind = "change" if chosen is None or chosen[0] in ("growth", "change") else chosen[0]
        return kind, bool(chosen and chosen[1] < 0)
    if percent:
        after = q_end
        while after < len(view_text) and after < q_end + 3 and view_text[after] in "以上左右多余 ":
            after += 1
        if cue_words.growth_after.starting_at(view_text, after) and chosen is None:
            return "growth", False
        if chosen is None:
            return "share", False
        return chosen[0], chosen[1] < 0
    if chosen is None:
        return "level", False
    return chosen[0], chosen[1] < 0
