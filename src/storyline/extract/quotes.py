"""Direct quotations and who said them.

Quotations are found by their marks (straight or curly, within a paragraph). A speaker is
taken, in this order, from an attribution right after the quote ("...," Kistanov said /
said Yoshihide Suga, Japan's chief cabinet secretary / according to X), from a saying verb
before it in the same sentence (Abe also said, "..."), from the quote it continues when an
attribution splits it ("...," he said. "..."), or from the previous paragraph when a bare
quote paragraph follows "X said that ...". Pronouns go through ``speakers``. Anything else
is marked unattributed: a speaker is never guessed.

Quotes of fewer than four words are left out: they are scare quotes or terms ("enough",
"America first"), not statements a reader wants listed with a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.extract.speakers import NAME, People, person_for_pronoun
from storyline.model import Article, Citation, Quote, Sentence

# A quote ends at its closing mark, or, when a writer leaves it open and starts the next
# quoted paragraph or sentence with a new opening mark, just before that mark.
_QUOTE = re.compile(r"[“\"]([^“”\"\n]{2,}?)(?:[”\"]|(?=\s+“))")
_VERB = r"(?:said|says|told|tells|added|adds|noted|explained|wrote|asked|stated|insisted|warned|argued|declared|continued|replied|remarked|recalled|stressed|according to)"
_PRONOUN = r"(?:he|she|they|He|She|They|it|It)"
_DESCRIPTOR = r"(?:an?|the|one|another)\s+[\w’' -]{2,60}?"
_WHO = rf"(?P<who>{NAME}(?:\s+and\s+{NAME})?|{_PRONOUN}|{_DESCRIPTOR})"
_ROLE_NOUNS = r"(?:\s+(?:officials|official|spokesman|spokeswoman|spokesperson|police|officers|staff))?"
# "...," DOB spokesman Andrew Rudansky said / John Mica (R-Fla.) told POLITICO / Mica, a former chairman, said
_AFTER_SUBJECT = re.compile(
    rf"^\s*,?\s*(?:[\w.’'-]+\s+){{0,3}}?{_WHO}{_ROLE_NOUNS}(?:\s*\([^)]{{1,30}}\))?(?:,\s*(?P<role>[^,]{{3,120}}),)?\s+(?:also\s+)?{_VERB}\b"
)
_AFTER_VERB = re.compile(
    rf"^\s*,?\s*{_VERB}\s+(?:[a-z]+\s+){{0,2}}?(?P<who>{NAME}(?:\s+and\s+{NAME})?|{_DESCRIPTOR}(?=[.,]))(?:,\s*(?P<role>[^.“\"]{{3,120}}?)(?=[.,;]|$))?(?=[.,;]|$|\s+(?:on|in|at|during|after|before|when|while|to|about|from)\b)"
)
_SAY_BEFORE = re.compile(rf"\b(?:{_VERB}|saying|adding|noting|telling)\b")
_NAME_OR_PRONOUN = re.compile(
    rf"(?P<name>{NAME}(?:\s+and\s+{NAME})?)(?![’']s)|\b(?P<pro>[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir|[Ii]t)\b"
)
_PRONOUNS = {"he", "she", "they", "his", "her", "their", "him", "it", "its"}
_SKIP_NAMES = {"In", "On", "At", "But", "And", "During", "When", "The", "Noting", "As", "After", "A"}


def _source_of(descriptor: str, before: str) -> str:
    """"the report" is the Asia Foundation's when the text just said "a report by the Asia
    Foundation": a named source beats a description of it."""
    m = re.fullmatch(r"the\s+(\w+)", descriptor)
    if m:
        named = re.findall(rf"\b{m.group(1)}\s+(?:by|from|of)\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)", before)
        if named:
            return named[-1].split(". ")[0].rstrip(".")
    return descriptor


def _is_title(quoted: str) -> bool:
    """Song, film and award names in quotes ("Survival of the Fittest") are not speech: most
    words capitalised and no sentence punctuation."""
    words = [w for w in quoted.split() if w[:1].isalpha()]
    small = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "with", "from", "by", "or"}
    big = [w for w in words if w[0].isupper()]
    return bool(words) and len(big) >= 2 and all(w[0].isupper() or w.lower() in small for w in words) and not re.search(r"[.!?,]$", quoted.strip())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _position(sentences: Sequence[Sentence], at: int) -> int:
    return next((s.position for s in sentences if s.start <= at < s.end), 0)


def _speaker_before(before: str, people: People | None = None) -> tuple[str, int] | None:
    """The subject of the last saying verb in ``before`` (same sentence, before the quote),
    and where it is in ``before``: a known person is preferred over other capitalised words
    ("Valery Kistanov, director of ... in Moscow, said")."""
    verbs = list(_SAY_BEFORE.finditer(before))
    if not verbs:
        return None
    head = before[: verbs[-1].start()]
    # The clause's subject is the last name or pronoun before the verb, skipping possessives
    # ("citing Trump's ...") and capitalised openers ("In", "During").
    candidates = [m for m in _NAME_OR_PRONOUN.finditer(head) if (m.group("name") or m.group("pro"))]
    known = set(people.canonical.values()) if people else set()
    for m in reversed(candidates):
        possessive = re.search(r"[’']s$", m.group(0))
        if m.group("name") and people and not possessive and people.name(m.group(0).split(" and ")[0]) in known:
            return m.group(0), m.start()
    for m in reversed(candidates):
        word = m.group(0)
        if m.group("name"):
            words = [w for w in word.split() if w not in _SKIP_NAMES]
            if words and not re.search(r"[’']s$", word) and words != ["also"]:
                return " ".join(words), m.start()
        else:
            return word.lower(), m.start()
    m = re.search(r"\b(?:the|a|an)\s+([a-z]\w+)\s+(?:also\s+)?$", head, re.I)
    return (f"the {m.group(1)}", m.start()) if m else None


def find_quotes(article: Article, sentences: Sequence[Sentence], people: People) -> list[Quote]:
    """The article's quotations, each with its speaker (canonical) or marked unattributed."""
    text = article.clean_text
    found = [m for m in _QUOTE.finditer(text) if len(m.group(1).split()) >= 4 and not _is_title(m.group(1))]
    spans = [(m.start(), m.end()) for m in found]
    quotes: list[Quote] = []
    last_by_paragraph: dict[int, tuple[Quote, int]] = {}
    paragraphs = _paragraphs(text)
    for m in found:
        para = next(i for i, (a, b) in enumerate(paragraphs) if a <= m.start() <= b)
        p_start, p_end = paragraphs[para]
        sentence = next((s for s in sentences if s.start <= m.start() < s.end), None)
        s_start = max(sentence.start if sentence else p_start, p_start)
        previous_end = max((e for s, e in spans if e <= m.start()), default=0)
        before = text[max(s_start, previous_end, p_start) : m.start()]
        after = text[m.end() : min(p_end, m.end() + 200)]
        citation = Citation(article.id, _position(sentences, m.start()), m.start() + 1, m.end() - 1)
        who: str | None = None
        role: str | None = None
        how = "unattributed"
        who_at = m.end()  # where the speaker (or pronoun) is: antecedents must precede it
        hit = _AFTER_SUBJECT.match(after) or _AFTER_VERB.match(after)
        if hit and hit.group("who").split()[0] in ("The", "A", "An") and not re.match(r"(?:The|A|An)\s+[a-z]", hit.group("who")):
            hit = None  # "The Rockies said" is fine; "The" alone before a name is not a speaker
        if hit:
            who, role, how = hit.group("who"), hit.group("role"), "after"
            who_at = m.end() + hit.start("who")
        else:
            if not before.strip() and para not in last_by_paragraph and para - 1 in last_by_paragraph:
                # A quote left open at a paragraph's end goes on in the next one, which opens
                # with a fresh mark: the old convention for multi-paragraph quotations.
                prev, prev_end = last_by_paragraph[para - 1]
                if not text[prev_end:m.start()].strip() and text[prev_end - 1 : prev_end] not in "”\"":
                    last_by_paragraph[para] = (prev, prev_end)
            if not before.strip() and para in last_by_paragraph:
                # A quote continuing the previous one in the paragraph, split by attribution.
                prev, prev_end = last_by_paragraph[para]
                if len(text[prev_end:m.start()].split()) <= 25:
                    merged = Quote(
                        text=f"{prev.text.rstrip(',')} … {m.group(1)}",
                        speaker=prev.speaker,
                        speaker_title=prev.speaker_title,
                        article_id=article.id,
                        citations=(*prev.citations, citation),
                        attribution=prev.attribution,
                    )
                    quotes[quotes.index(prev)] = merged
                    last_by_paragraph[para] = (merged, m.end())
                    continue
            found_before = _speaker_before(before, people)
            if not found_before and before.rstrip().endswith(":"):
                # "X offers firm advice for listeners: '...'": the colon introduces X's words.
                found_before = _speaker_before(before.rstrip()[:-1] + " said", people)
            if found_before:
                who, how = found_before[0], "before"
                who_at = m.start() - len(before) + found_before[1]
            elif not text[p_start : m.start()].strip() and para > 0 and not text[m.end() : p_end].strip(" .\n"):
                # A paragraph that is only a quote: the speaker of "X said that ..." just before.
                q_start, q_end = paragraphs[para - 1]
                prior = text[q_start:q_end]
                if not _QUOTE.search(prior) and re.search(r"\b(?:said|says|told)\b(?: that)?", prior):
                    said = re.search(r"\b(?:said|says|told)\b", prior)
                    found_prior = _speaker_before(prior[: said.end()] if said else prior, people)
                    if found_prior and found_prior[0][0].isupper():
                        who, how = found_prior[0], "previous paragraph"
        speaker: str | None = None
        if who:
            low = who.lower()
            if low in _PRONOUNS:
                if low in ("it", "its"):
                    persons = set(people.canonical.values())
                    earlier = [q for q in quotes if q.speaker and q.speaker not in persons]
                    speaker = earlier[-1].speaker if earlier else None
                else:
                    speaker = person_for_pronoun(people, article, sentences, who_at, spans)
                how = "pronoun" if speaker else "unattributed"
            elif who[0].islower() or who.split()[0] in ("The", "A", "An"):
                speaker = _source_of(who[0].lower() + who[1:], text[max(0, m.start() - 600) : m.start()])
            else:
                speaker = " and ".join(people.name(part) for part in who.split(" and "))
        if role and re.match(r"\s*(?:who|which|whose|when|where)\b", role):
            role = None  # a relative clause describes; it is not a title
        title = role.strip() if role else (people.titles.get(speaker) if speaker else None)
        if title:
            title = re.sub(r"^(?:the|a|an)\s+", "", title)
        quote = Quote(
            text=m.group(1).rstrip(","),
            speaker=speaker,
            speaker_title=title,
            article_id=article.id,
            citations=(citation,),
            attribution=how if speaker else "unattributed",
        )
        quotes.append(quote)
        last_by_paragraph[para] = (quote, m.end())
    return quotes
