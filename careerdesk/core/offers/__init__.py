"""Offer comparison: two or more job offers side by side with a first-year total and the
learner's own weights (docs/pipeline.md, Offers).

``models`` (what is handed out), ``rules`` (pure: first-year total, weighted comparison),
``service`` (reads offers from the pipeline, stores extra terms and the weights).
"""
