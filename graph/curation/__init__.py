"""People correcting the graph.

- :mod:`graph.curation.corrections`: the corrections CSV files every build applies;
- :mod:`graph.curation.review`: the review queue (``unionkg review``) of what most needs a look.
"""
