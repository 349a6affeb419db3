"""Which catalogue skills a course or field of study teaches, from words in its name.

A small, hand-written lexicon (word stem → skills). Course names are free text ("BSc (Hons)
Mathematics", "HND Computing"); matching stems of their words is crude but predictable and
easy to extend. It feeds the "course & interests" signal of the offline recommender:
``coverage = 100 × Σ importance of the role's skills the course teaches / Σ importance``.
"""

from __future__ import annotations

from collections.abc import Iterable

from careerdesk.core.reference.catalog import Role

# Word stems as produced by careers.words() (lower case, trailing "s" removed).
LEXICON: dict[str, tuple[str, ...]] = {
    "computer": ("python", "dsa", "git", "code_quality", "system_design", "testing", "databases"),
    "computing": ("python", "dsa", "git", "code_quality", "system_design", "testing", "databases"),
    "software": ("python", "dsa", "git", "code_quality", "testing", "system_design"),
    "informatic": ("python", "databases", "sql", "data_analysis"),
    "data": ("data_analysis", "sql", "statistics", "python", "databases"),
    "analytic": ("data_analysis", "sql", "statistics"),
    "mathematic": ("statistics", "problem_solving", "data_analysis", "machine_learning"),
    "math": ("statistics", "problem_solving", "data_analysis", "machine_learning"),
    "statistic": ("statistics", "data_analysis", "machine_learning"),
    "physic": ("python", "statistics", "problem_solving"),
    "economic": ("statistics", "data_analysis", "sql"),
    "finance": ("statistics", "data_analysis", "sql"),
    "accounting": ("data_analysis", "sql", "communication"),
    "business": ("product_management", "communication", "data_analysis"),
    "management": ("product_management", "communication"),
    "marketing": ("communication", "data_analysis", "product_management"),
    "design": ("ux_design", "html_css", "communication"),
    "art": ("ux_design", "html_css"),
    "media": ("ux_design", "html_css", "communication"),
    "psychology": ("ux_design", "communication", "statistics"),
    "network": ("networking", "security", "linux"),
    "networking": ("networking", "security", "linux"),
    "telecommunication": ("networking", "linux"),
    "cyber": ("security", "networking", "linux"),
    "security": ("security", "networking", "linux"),
    "information": ("databases", "networking", "security", "linux"),
    "engineering": ("problem_solving", "system_design", "python"),
    "electronic": ("networking", "linux", "problem_solving"),
    "electrical": ("networking", "problem_solving"),
    "web": ("javascript", "html_css"),
    "artificial": ("machine_learning", "python", "statistics"),
    "intelligence": ("machine_learning", "python", "statistics"),
    "cloud": ("cloud", "devops", "linux"),
    "english": ("communication",),
    "journalism": ("communication",),
    "education": ("communication",),
    "teaching": ("communication",),
}


def course_skills(course_words: Iterable[str]) -> set[str]:
    """Catalogue skills the course's words point to."""
    out: set[str] = set()
    for word in course_words:
        out.update(LEXICON.get(word, ()))
    return out


def coverage(role: Role, skills: set[str]) -> float:
    """``100 × Σ importance of role skills in ``skills`` / Σ importance`` (0 when none)."""
    total = sum(rs.importance for rs in role.skills)
    if not total or not skills:
        return 0.0
    return round(100.0 * sum(rs.importance for rs in role.skills if rs.skill in skills) / total, 1)
