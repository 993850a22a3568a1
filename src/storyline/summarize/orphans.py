"""Sentences that cannot stand alone: what a pronoun opener or a quote tail needs before it.

"He added that ..." points at the sentence before it; `That's why ...," she said.` closes a
quotation an earlier sentence opened. A summary that shows either without what it leans
on leaves the reader guessing who is meant, or meeting a closing quote mark with no
opening one; the selection (greedy.py) uses ``needed`` so such a sentence only ever comes
with its antecedent.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.summarize.units import MAX_WORDS, Unit

# How far back a quote tail may reach for the sentence that opens its quotation (a quote
# of up to four sentences). Measured under 5-fold CV on val250 (ROUGE-1 / ROUGE-2, share
# of cut sentences): 1: 46.98 / 17.49, 0.7%; 2: 47.07 / 17.59, 0.95%; 3: 47.10 / 17.65,
# 1.0%; 4: 47.08 / 17.62, 1.2%. (The cut share rises because readability only accepts a
# tail right after its opening sentence, not after a middle one of the same quotation.)
QUOTE_SENTENCES = 3

# How many orphans may chain back ("He ... . He ... . He ..."): deeper chains are left out.
MAX_CHAIN = 3


def orphans_of(chosen: Sequence[Unit], docs: Sequence[Sequence[Unit]], picked: set[int]) -> list[Unit]:
    """Chosen sentences that open with a personal pronoun ("He said...", "Their plan...")
    or are the tail of a quotation split across sentences (`That's why I believe ...,"
    Kistanov said.`), while the sentence before them is left out: the reader would not know
    who is meant, or would meet a closing quote mark with no opening one.

    A whole quotation without its speaker, or a referring "It", also leans on context, but
    reads as a sentence; repairing those costs more than it buys. Measured under 5-fold CV
    on val250: repairing every ``refers_back`` sentence cost 0.4 ROUGE-1 and 0.5 ROUGE-2,
    pronouns alone 0.07 and 0.06, pronouns and quote tails 0.16 and 0.27 (kept: a stray
    half-quotation is a visible defect); and a summary never opens on a dangling sentence
    anyway (``reading_order``). Those costs were of repairing after the pick; letting such
    a sentence compete together with what it needs (``greedy_groups``) costs nothing:
    CV 47.10 / 17.65 against 47.07 / 17.64 with no repair and 46.91 / 17.37 repairing after.
    """
    return [u for u in chosen if needs_antecedent(u) and id(docs[u.doc][u.position - 1]) not in picked]


def needs_antecedent(unit: Unit) -> bool:
    """Opens with a personal pronoun, or closes a quotation it did not open (``orphans_of``)."""
    return unit.refers_back and unit.position > 0 and (unit.pronoun or unit.quote_tail)


def needed(unit: Unit, docs: Sequence[Sequence[Unit]], pickable: set[int], depth: int = MAX_CHAIN) -> list[Unit] | None:
    """The sentences ``unit`` needs before it, in article order: none for most; the one
    before a pronoun opener (only a sentence that could have been picked itself: with
    --focus, a relevant one), and what that one needs in turn; the sentences back to the
    opening of the quotation a quote tail closes. None: it cannot be made to read."""
    if not needs_antecedent(unit):
        return []
    if depth == 0:
        return None
    doc = docs[unit.doc]
    # A quote tail that opens with a pronoun (`They are not designed for this," she said.`)
    # needs its quotation's opening, which the sentence before it may not be.
    if not unit.quote_tail:
        before = [doc[unit.position - 1]]
        if id(before[0]) not in pickable:
            return None
    else:
        before = []
        for position in range(unit.position - 1, max(-1, unit.position - 1 - QUOTE_SENTENCES), -1):
            sentence = doc[position]
            if sentence.n_words > MAX_WORDS or (sentence.quoted and not sentence.quote_head):
                return None  # a run-on, or a quote mark that is not the opening one: no clean quotation
            before.append(sentence)
            if sentence.quoted:
                break
        else:
            return None
        before.reverse()
    more = needed(before[0], docs, pickable, depth - 1)
    return None if more is None else more + before
