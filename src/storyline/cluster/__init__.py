"""Corpus clustering: near-duplicates, stories, storylines, titles, and their quality.

Stages, in the order ``pipeline.Corpus.add`` runs them: ``features`` (terms, MinHash
signature, entities, day, computed once per article), ``dedup`` (MinHash LSH bands),
``stories`` (incremental assignment over an inverted index of nearby weeks), ``storylines``
(stories linked by shared main entities and topic), ``titles``. ``params`` holds the tuned
constants; ``metrics`` B-cubed and ARI; ``evaluation`` the ``storyline cluster`` command.
"""
