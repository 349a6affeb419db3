"""Demo company cards and two applications captured from job postings.

Cards hold widely known public facts about a few employers in the demo pipeline (website,
industry, size band, location) and the learner's notes. No AI summary or GitHub languages
are seeded: those are only ever fetched when the learner asks, so the demo shows the
buttons rather than invented research. The two postings go through the real reading and
saving path (rules only, offline), like a learner pasting them.
"""

from __future__ import annotations

import json
from typing import Any

from careerdesk.app import App
from careerdesk.core.companies.service import CompanyService
from careerdesk.core.pipeline.service import DuplicateApplicationError
from careerdesk.core.postings.service import PostingService
from careerdesk.core.profiles.service import ProfileInfo
from careerdesk.resources_access import read_text

ORDER = 80
DATA = ("demo", "postings.json")  # under careerdesk/resources


def load_demo_data() -> dict[str, Any]:
    """The demo company cards and posting texts."""
    return dict(json.loads(read_text(*DATA)))


def seed(app: App, profile: ProfileInfo) -> str:
    """Add the demo cards and postings to ``profile``; returns a one-line summary."""
    data = load_demo_data()
    companies = app.service(CompanyService)
    postings = app.service(PostingService)
    for card in data["companies"]:
        fields = {k: v for k, v in card.items() if k != "name"}
        companies.update(profile.id, card["name"], fields)
    saved = 0
    for item in data["postings"]:
        proposal = postings.propose(item["text"], source=item["source"], use_ai=False)
        try:
            postings.save(profile.id, proposal)
            saved += 1
        except DuplicateApplicationError:
            pass  # seeding twice must not add the same posting again
    return f"postings: {len(data['companies'])} company cards, {saved} applications from postings"
