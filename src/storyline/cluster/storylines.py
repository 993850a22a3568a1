"""Storylines: stories that continue one subject over time, linked into one line.

Runs after stories change: each story not yet linked looks for earlier or later stories
that share at least ``storyline_entities`` of its main entities (an indexed look-up in the
store) and whose centroid is close enough on topic; it joins the best one's storyline (or
starts one with it), and two storylines that a story bridges are merged. Stories marked
linked are not looked at again unless they change, so a crash before linking is repaired
by the next run.
"""

from __future__ import annotations

import json
from collections import Counter

from storyline.cluster import vectors
from storyline.cluster.params import PARAMS, ClusterParams
from storyline.cluster.titles import storyline_title
from storyline.store.base import Store, StoryRow

MAIN_ENTITIES = 6
MAX_CANDIDATES = 30


def _main(row: StoryRow) -> list[str]:
    return [e for e, _ in Counter(json.loads(row.entities or "{}")).most_common(MAIN_ENTITIES)]


def link_storylines(store: Store, params: ClusterParams = PARAMS) -> int:
    """Link every story not yet linked; returns how many joined or started a storyline."""
    pending = store.unlinked_stories()
    linked = 0
    for start in range(0, len(pending), 500):
        chunk = pending[start:start + 500]
        rows = {r.id: r for r in store.story_rows(chunk)}
        for row in rows.values():
            store.set_story_entities(row.id, _main(row))
        for row in rows.values():
            linked += _link(store, row, params)
        store.mark_linked(chunk)
    return linked


def _link(store: Store, row: StoryRow, params: ClusterParams) -> bool:
    main = _main(row)
    if len(main) < params.storyline_entities:
        return False
    ids = store.stories_sharing(main, params.storyline_entities, row.id, MAX_CANDIDATES)
    if not ids:
        return False
    centroid = vectors.unpack(row.centroid)
    norm = vectors.norm(centroid)
    best, best_sim = None, params.storyline_similarity
    for other in store.story_rows(ids):
        other_centroid = vectors.unpack(other.centroid)
        sim = vectors.dot(centroid, other_centroid) / (norm * vectors.norm(other_centroid))
        if sim >= best_sim:
            best, best_sim = other, sim
    if best is None:
        return False
    current = store.story_rows([row.id])[0].storyline
    if best.storyline is None and current is None:
        line = store.new_storyline("")
        store.set_storyline(best.id, line)
        store.set_storyline(row.id, line)
    elif best.storyline is None:
        line = current  # type: ignore[assignment]
        store.set_storyline(best.id, line)
    elif current is None or current == best.storyline:
        line = best.storyline
        store.set_storyline(row.id, line)
    else:
        line = best.storyline
        store.merge_storylines(line, current)
    members = [r for r in store.story_rows(store.storyline_story_ids(line))]
    store.retitle_storyline(line, storyline_title(Counter(_main(r)) for r in members))
    return True
