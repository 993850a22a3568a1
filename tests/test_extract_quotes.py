"""Quotes and speakers on invented text: every attribution shape the issue names."""

from __future__ import annotations

from storyline.extract.entities import Mention, find_mentions
from storyline.extract.quotes import find_quotes
from storyline.extract.speakers import collect_people
from storyline.model import Article
from storyline.text.sentences import sentences_of

TEXT = (
    "NORTHPORT — Mayor Alma Ruiz said the council would meet on Thursday.\n\n"
    "“We found corrosion that is far more advanced than we expected,” said Tom Okafor, chief engineer of the "
    "Harbour Authority. “Nobody crosses until we know what we are dealing with.”\n\n"
    "\"I would rather explain a traffic jam than a tragedy,\" Ruiz told reporters.\n\n"
    "Okafor said divers would test every cable. “If you ask me today, the honest answer is that I don't know,” he said.\n\n"
    "In an interview, Grace Liang, a nurse at Northport General Hospital, said that the detours were long.\n\n"
    "“Everyone on my shift has the same story about the bridge.”\n\n"
    "Ruiz also said, “The least we can do is let them cross for free.”\n\n"
    "“This will be remembered for a very long time,” read a sign by the road.\n\n"
    "The word “enough” appears in short quotes, which are skipped."
)


def quotes_of(text: str, mentions: list[Mention] | None = None):
    """Quotes of one invented article; person names from spaCy unless ``mentions`` given."""
    art = Article("a", "a.txt", "Ledger", None, None, None, text, text)
    people = collect_people([art], find_mentions([art]) if mentions is None else mentions)
    return find_quotes(art, sentences_of(art), people)


def test_attributions_before_after_split_and_pronoun():
    found = {q.text[:20]: q for q in quotes_of(TEXT)}
    okafor = found["We found corrosion t"]
    assert okafor.speaker == "Tom Okafor" and okafor.speaker_title == "chief engineer of the Harbour Authority"
    assert len(okafor.citations) == 2 and "Nobody crosses" in okafor.text  # split by its attribution
    assert found["I would rather explai"[:20]].speaker == "Alma Ruiz"  # straight quotes, "Ruiz" = "Alma Ruiz"
    assert found["I would rather expla"].speaker_title == "Mayor"
    pronoun = found["If you ask me today,"]
    assert (pronoun.speaker, pronoun.attribution) == ("Tom Okafor", "pronoun")
    assert found["Everyone on my shift"].speaker == "Grace Liang"
    assert found["Everyone on my shift"].attribution == "previous paragraph"
    assert found["The least we can do "].speaker == "Alma Ruiz"
    assert found["The least we can do "].attribution == "before"


def test_unattributed_quotes_are_marked_not_guessed_and_short_quotes_skipped():
    found = {q.text[:20]: q for q in quotes_of(TEXT)}
    sign = found["This will be remember"[:20]]
    assert sign.speaker is None and sign.attribution == "unattributed"
    assert not [q for q in found.values() if q.text == "enough"]


def test_citations_point_at_the_quoted_span():
    for q in quotes_of(TEXT):
        for c in q.citations:
            assert TEXT[c.start : c.end] in q.text.replace(" … ", "  ") or TEXT[c.start : c.end].rstrip(",") in q.text
