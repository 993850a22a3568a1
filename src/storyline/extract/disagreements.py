"""Disagreements: the same measure given different values by different articles.

Claims are compared on their measure key and unit (``numbers``), and only when the values
are within 25% of each other: further apart, the same counted noun is nearly always a
different thing ("60,000 vehicles a day" on a bridge, "41,000" in a tunnel), while sources
that disagree about one figure give close values. Values within 1% agree; otherwise it is
a disagreement, shown with every source. When the claims are stated as of
different dates, the note says so, because a changed figure is not a contradiction ("47,000
US troops" in 2016 and "around 50,000" later may both be right).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Disagreement, NumberClaim


def find_disagreements(claims: Sequence[NumberClaim]) -> tuple[Disagreement, ...]:
    groups: dict[tuple[str, str], list[NumberClaim]] = defaultdict(list)
    for claim in claims:
        if claim.key and not claim.key.endswith("|amount") and claim.key != "percent|share":
            groups[(claim.key, claim.unit)].append(claim)
    out: list[Disagreement] = []
    clusters: list[tuple[str, str, list[NumberClaim]]] = []
    for (key, unit), group in groups.items():
        for claim in sorted(group, key=lambda c: c.value):
            if clusters and clusters[-1][:2] == (key, unit) and claim.value <= clusters[-1][2][0].value * 1.25:
                clusters[-1][2].append(claim)
            else:
                clusters.append((key, unit, [claim]))
    for key, unit, cluster in clusters:
        order = {id(c): i for i, c in enumerate(claims)}
        group = sorted(cluster, key=lambda c: order[id(c)])
        if len({c.article_id for c in group}) < 2:
            continue
        values = sorted({c.value for c in group})
        if values[-1] <= values[0] * 1.01:
            continue
        # One claim per article and value: the first time each article states each figure.
        seen: set[tuple[str, float]] = set()
        chosen = [c for c in group if (c.article_id, c.value) not in seen and not seen.add((c.article_id, c.value))]
        dates = sorted({c.as_of or "unknown" for c in chosen})
        clash = sorted({a.as_of for a in chosen for b in chosen if a.as_of and a.as_of == b.as_of and a.value != b.value})
        if clash:
            # Two values for the same date cannot both be right, whatever else was said later.
            note = f"different values for the same date ({', '.join(clash)}): the sources contradict each other"
        elif len(dates) > 1:
            note = "stated as of different dates: " + " vs ".join(dates) + "; the figure may have changed"
        else:
            note = f"same date ({dates[0]}): the sources contradict each other"
        out.append(Disagreement(measure=chosen[0].measure, unit=unit, claims=tuple(chosen), note=note))
    return tuple(out)
