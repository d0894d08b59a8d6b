"""Matching leaders with mentors: roster checks, scores, the optimal assignment, explanations.

`propose.propose(participants, pairs, weights, vectors, request)` is the whole run, pure over
the roster and the existing pairs; `propose.to_pairs` turns its proposals into pairs to save.
"""
