"""Reading work style and culture from a posting, and the culture sub-scores, by hand.

The word lists are written out here from what each sector, value and work mode means
(docs/intel.md, "Work style and culture": 10 sectors, 11 values, three work modes, four
sizes with their bounds); the sub-scores and their mean are computed by hand in comments.
"""

from __future__ import annotations

import pytest

from careerdesk.core.pipeline.intel import culture_rules as cr

SECTOR_WORDS = {
    "software": ["software", "SaaS", "internet", "developer tools"],
    "finance": [
        "fintech",
        "bank",
        "banking",
        "financial services",
        "finance",
        "insurance",
        "payments",
    ],
    "healthcare": [
        "healthcare",
        "health tech",
        "healthtech",
        "hospital",
        "medical",
        "biotech",
        "pharma",
    ],
    "education": ["edtech", "education", "university", "school", "e-learning"],
    "retail": ["e-commerce", "ecommerce", "retail", "marketplace"],
    "public": ["government", "public sector", "non-profit", "nonprofit", "charity", "NGO"],
    "media": ["media", "entertainment", "gaming", "games"],
    "energy": ["energy", "renewable", "renewables", "cleantech"],
    "industry": ["manufacturing", "automotive", "logistics", "industrial", "aerospace"],
    "consulting": ["consulting", "consultancy", "agency"],
}
SECTOR_LABELS = {
    "software": "Software and internet",
    "finance": "Finance and insurance",
    "healthcare": "Health and life sciences",
    "education": "Education",
    "retail": "Retail and e-commerce",
    "public": "Public sector and non-profit",
    "media": "Media, games and entertainment",
    "energy": "Energy and climate",
    "industry": "Manufacturing and logistics",
    "consulting": "Consulting and agencies",
}
VALUE_WORDS = {
    "learning": [
        "mentoring",
        "mentorship",
        "learning budget",
        "training budget",
        "career development",
    ],
    "balance": [
        "work-life balance",
        "flexible hours",
        "flexible working",
        "four-day week",
        "4-day week",
    ],
    "inclusion": ["diversity", "inclusion", "inclusive"],
    "impact": ["social impact", "mission-driven", "make a difference"],
    "sustainability": ["sustainability", "sustainable", "climate", "carbon"],
    "open_source": ["open source", "open-source"],
    "autonomy": ["autonomy", "ownership", "self-directed"],
    "collaboration": ["pair programming", "pairing", "collaborative", "cross-functional"],
    "fast_pace": ["fast-paced", "fast paced", "hypergrowth", "high-growth"],
    "stability": ["stability", "established company", "job security"],
    "async": ["asynchronous", "async-first", "remote-first"],
}


@pytest.mark.parametrize(
    ("sector", "word"), [(s, w) for s, words in SECTOR_WORDS.items() for w in words]
)
def test_each_sector_word_names_its_sector(sector: str, word: str) -> None:
    assert cr.sector_of(word.upper()) == sector  # whole words, any case
    assert cr.sector_of("", f"We are a {word} company.") == sector
    assert cr.industry_label(word) == SECTOR_LABELS[sector]


@pytest.mark.parametrize(
    ("value", "word"), [(v, w) for v, words in VALUE_WORDS.items() for w in words]
)
def test_each_value_word_names_its_value(value: str, word: str) -> None:
    assert cr.values_in(f"We offer {word.upper()}, really.") == [value]


def test_words_match_whole_only() -> None:
    assert cr.sector_of("Banks") is None  # "bank" inside "banks"
    assert cr.sector_of("pre-school") is None  # "school" after a hyphen
    assert cr.sector_of("school-age") is None  # … or before one
    assert cr.values_in("carbonara and pairings") == []
    assert cr.values_in("") == []


def test_sector_from_the_industry_first_then_the_most_named_in_the_text() -> None:
    assert cr.sector_of("Retail", "a bank, a bank and a bank") == "retail"
    assert cr.sector_of("Widgets", "a hospital") == "healthcare"
    assert cr.sector_of("", "software for a bank: banking and payments") == "finance"  # 3 to 1
    assert cr.sector_of("", "software for a bank") == "software"  # a tie: the list's order
    assert cr.sector_of("", "") is None
    assert cr.industry_label("  Widgets Ltd ") == "Widgets Ltd"
    assert cr.industry_label("", "") == ""
    assert cr.industry_label("", "a hospital") == "Health and life sciences"


@pytest.mark.parametrize(
    ("field", "text", "mode"),
    [
        ("yes", "", "remote"),
        (" Remote ", "", "remote"),
        ("hybrid", "fully remote", "hybrid"),  # the field wins over the text
        ("no", "", "onsite"),
        ("", "Hybrid: two days a week in London.", "hybrid"),
        ("", "This role is fully remote.", "remote"),
        ("", "We are remote-first.", "remote"),
        ("", "100% remote within the UK.", "remote"),
        ("", "Work from anywhere.", "remote"),
        ("maybe", "On-site in Leeds.", "onsite"),
        ("", "Onsite in Leeds.", "onsite"),
        ("", "Five days in the office.", "onsite"),
        ("", "An office-based role.", "onsite"),
        ("", "In-office three days.", "onsite"),
        ("", "Fully remote or hybrid.", "hybrid"),  # hybrid is read first
        ("", "Remote possible.", None),  # "remote" alone says too little
        ("", "", None),
    ],
)
def test_work_mode(field: str, text: str, mode: str | None) -> None:
    assert cr.work_mode_of(field, text) == mode


@pytest.mark.parametrize(
    ("size", "bucket"),
    [
        ("", None),
        ("   ", None),
        ("unknown", None),
        ("49", "startup"),  # start-up: under 50
        ("50", "small"),  # small: 50–249
        ("249", "small"),
        ("250", "medium"),  # mid-size: 250–999
        ("999", "medium"),
        ("1,000", "large"),  # large: 1,000 or more
        ("0.2k", "small"),  # 200
        ("5k", "large"),
        ("1.5 k employees", "large"),  # 1,500
        ("40-70 people", "small"),  # a range counts by its middle, 55
        ("200-500 employees", "medium"),  # 350
        ("20-40 (900 worldwide)", "startup"),  # only the first two numbers: 30
        ("Start-up", "startup"),
        ("a seed-stage startup", "startup"),
        ("Seed", "startup"),
        ("Enterprise", "large"),
        ("a multinational", "large"),
        ("Large", "large"),
        ("a corporation", "large"),
        ("Mid-size", "medium"),
        ("midsize", "medium"),
        ("Medium", "medium"),
        ("a scale-up", "medium"),
        ("scaleup", "medium"),
        ("Small", "small"),
    ],
)
def test_size_of_a_card(size: str, bucket: str | None) -> None:
    assert cr.size_of(size) == bucket


def test_read_posting_takes_each_part_from_its_place() -> None:
    posting = cr.read_posting(
        remote="",
        description="A hybrid role at a bank.",
        card_text="We are a start-up that values mentoring; fully remote; a hospital.",
    )
    # Work mode and sector from the posting only; size (no card size) from the words
    # "start-up"; values from the posting and the card.
    assert posting == cr.PostingCulture(
        work_mode="hybrid", size="startup", sector="finance", values=["learning"]
    )
    sized = cr.read_posting(remote="no", description="A startup.", industry="Charity", size="300")
    assert sized == cr.PostingCulture(work_mode="onsite", size="medium", sector="public")
    assert cr.read_posting(remote="", description="") == cr.PostingCulture()
    assert cr.read_posting(remote="", description="Startup life").size == "startup"


@pytest.mark.parametrize(
    ("preferred", "posting", "part"),
    [
        (["remote"], "remote", 1.0),
        (["remote", "onsite"], "onsite", 1.0),
        (["remote"], "hybrid", 0.5),  # the posting is hybrid
        (["hybrid"], "remote", 0.5),  # the learner takes hybrid
        (["onsite"], "remote", 0.0),
        (["remote"], "onsite", 0.0),
    ],
)
def test_work_mode_part(preferred: list[str], posting: str, part: float) -> None:
    match = cr.culture_match(preferred, [], [], [], cr.PostingCulture(work_mode=posting))
    assert match.parts == {"work_mode": part}
    assert match.score == part


def test_work_mode_reason() -> None:
    match = cr.culture_match(
        ["hybrid", "onsite"], [], [], [], cr.PostingCulture(work_mode="remote")
    )
    assert match.reasons == ["Work mode remote; you prefer hybrid, on-site."]


@pytest.mark.parametrize(
    ("preferred", "posting", "part"),
    [
        (["small"], "small", 1.0),
        (["startup"], "small", 0.5),  # neighbours
        (["small"], "startup", 0.5),
        (["large"], "medium", 0.5),
        (["startup"], "medium", 0.0),  # two steps apart
        (["startup"], "large", 0.0),
        (["startup", "large"], "medium", 0.5),  # next to one of them
    ],
)
def test_size_part(preferred: list[str], posting: str, part: float) -> None:
    match = cr.culture_match([], preferred, [], [], cr.PostingCulture(size=posting))
    assert match.parts == {"size": part}


def test_size_and_sector_reasons() -> None:
    posting = cr.PostingCulture(size="small", sector="finance")
    match = cr.culture_match([], ["small"], ["finance"], [], posting)
    assert match.parts == {"size": 1.0, "sector": 1.0}
    assert match.reasons == [
        "Company size: small (50–249).",
        "Sector finance and insurance: one you chose.",
    ]
    other = cr.culture_match([], [], ["software"], [], posting)
    assert other.parts == {"sector": 0.0}
    assert other.reasons == ["Sector finance and insurance: not one you chose."]


@pytest.mark.parametrize(
    ("preferred", "mentioned", "part"),
    [
        (["learning"], ["learning"], 1.0),
        (["learning", "balance"], ["balance", "async"], 0.5),  # 1 of 2
        (["learning", "balance", "impact"], ["impact"], 1 / 3),  # 1 of 3
        (["learning", "balance", "impact", "async", "autonomy"], ["impact", "async"], 2 / 3),
        (["learning", "balance", "impact", "async"], ["learning", "balance", "impact"], 1.0),
        (["learning", "balance"], ["async"], 0.0),
    ],
)
def test_values_part(preferred: list[str], mentioned: list[str], part: float) -> None:
    # Preferred values mentioned / min(preferred, 3), at most 1.
    match = cr.culture_match([], [], [], preferred, cr.PostingCulture(values=mentioned))
    assert match.parts["values"] == pytest.approx(part)


def test_values_reasons() -> None:
    posting = cr.PostingCulture(values=["balance", "learning"])
    match = cr.culture_match([], [], [], ["learning", "balance", "impact"], posting)
    assert match.reasons == [
        "Values it mentions that you care about: learning and mentoring, work-life balance."
    ]
    none = cr.culture_match([], [], [], ["impact"], posting)
    assert none.reasons == ["It mentions none of the values you chose."]


def test_culture_is_the_rounded_mean_of_the_parts_present() -> None:
    posting = cr.PostingCulture(work_mode="hybrid", size="large", values=["impact"])
    # work mode ½ (hybrid vs remote), size 1, values 1 of 3 = 0.3333; no sector on the posting.
    # (0.5 + 1 + 0.3333…) / 3 = 0.61111… → 0.6111
    match = cr.culture_match(
        ["remote"], ["large"], ["finance"], ["learning", "balance", "impact"], posting
    )
    assert match.score == 0.6111
    assert set(match.parts) == {"work_mode", "size", "values"}


def test_no_culture_component_when_either_side_says_nothing() -> None:
    says = cr.PostingCulture(work_mode="remote", size="small", sector="finance", values=["impact"])
    empty = cr.CultureMatch(score=None, parts={}, reasons=[])
    assert cr.culture_match([], [], [], [], says) == empty
    assert (
        cr.culture_match(["remote"], ["small"], ["finance"], ["impact"], cr.PostingCulture())
        == empty
    )


def test_values_part_is_capped_at_one_and_unknown_keys_are_named() -> None:
    four = ["learning", "balance", "impact", "async"]
    # 4 of 4 mentioned: 4 / min(4, 3) = 1.33…, capped at 1.
    match = cr.culture_match([], [], [], four, cr.PostingCulture(values=four))
    assert match.parts == {"values": 1.0}
    # A preference the lists do not know is shown by its key rather than failing.
    odd = cr.culture_match(["remote", "flexi"], [], [], [], cr.PostingCulture(work_mode="remote"))
    assert odd.reasons == ["Work mode remote; you prefer remote, flexi."]


@pytest.mark.parametrize(
    ("size", "bucket"),
    [
        # "k" is exactly a thousand (docs/intel.md: small 50–249, mid-size 250–999, large
        # 1,000+), so thousands just under a bucket's edge stay below it.
        ("0.2499k", "small"),  # 249.9
        ("0.25k", "medium"),  # 250
        ("0.9995k", "medium"),  # 999.5
        ("1k", "large"),  # 1,000
        ("500-1.499k", "medium"),  # a range's middle: (500 + 1,499) / 2 = 999.5
        ("500-1.5k", "large"),  # (500 + 1,500) / 2 = 1,000
    ],
)
def test_size_of_counts_k_as_exactly_a_thousand(size: str, bucket: str) -> None:
    assert cr.size_of(size) == bucket
