"""``compute_insights``: the whole insights document from one :class:`InsightsInputs`.

Pure and fast (no I/O): the gatherer prepares the inputs, this turns them into numbers.
"""

from __future__ import annotations

from careerdesk.core.insights.actions import company_lever, gap_gains, next_actions, path_gain
from careerdesk.core.insights.formulas import (
    WEIGHTS,
    band_of,
    company_probability,
    item_credit,
    learning_from_credits,
    merge_companies,
    met_skills,
    model_levels,
    readiness_value,
    role_matches,
    skill_gaps,
    weighted_attainment,
)
from careerdesk.core.insights.models import (
    CompanyChance,
    InsightsDocument,
    InsightsInputs,
    Readiness,
    RoleMatch,
    TargetRole,
)
from careerdesk.core.reference.catalog import Role

TOP_ROLES = 3


def resolve_target(inputs: InsightsInputs, matches: list[RoleMatch]) -> tuple[Role | None, bool]:
    """The learner's first chosen role that exists; else the best match if any skill is known.

    Returns (role, chosen). Without a chosen role and without any skill data there is no
    sensible yardstick, so None.
    """
    by_id = {r.id: r for r in inputs.roles}
    for role_id in inputs.target_role_ids:
        if role_id in by_id:
            return by_id[role_id], True
    if matches and matches[0].match > 0:
        return by_id.get(matches[0].role_id), False
    return None, False


def hints(inputs: InsightsInputs, role: Role | None, chosen: bool, measured: int) -> list[str]:
    """What a learner should do first, for each kind of missing data."""
    out = []
    if not chosen:
        out.append(
            "Choose a target role (Learning tab) so readiness is measured against the job "
            "you want"
            + (f"; until then it uses your closest match, {role.title}." if role else ".")
        )
    if measured == 0:
        out.append(
            "Take your first skill assessment (Assessments tab): scores make up 70% of readiness."
        )
    if not inputs.path:
        out.append("Build a learning path (Learning tab): finishing it makes up 30% of readiness.")
    if inputs.pipeline_available and not inputs.postings:
        out.append("Save job postings in the Pipeline to see real openings per role.")
    return out


def compute_insights(inputs: InsightsInputs) -> InsightsDocument:
    """Readiness, company chances, role matches, gaps and next actions for ``inputs``."""
    names = inputs.skill_names
    measured = model_levels(inputs.skills)  # one estimate per skill (docs/skills.md)
    matches = role_matches(inputs.roles, measured, names, inputs.postings)
    role, chosen = resolve_target(inputs, matches)

    assessment = weighted_attainment(role, measured) if role is not None else 0.0
    met = met_skills(role, measured)
    all_met = role is not None and len(met) == len(role.skills)
    # one credit per item, used for the learning component and the count of finished items
    credits = [item_credit(i, met) for i in inputs.path]
    learning = learning_from_credits(credits, all_met=all_met)
    readiness = readiness_value(assessment, learning)
    measured_in_role = (
        sum(1 for rs in role.skills if rs.skill in measured) if role is not None else 0
    )

    gains = gap_gains(role, measured)
    remaining_path = path_gain(learning) if inputs.path else 0.0
    companies = []
    for company in merge_companies(inputs.companies, inputs.postings):
        probability = company_probability(readiness, company.difficulty)
        skill, points, text = company_lever(
            role, gains, remaining_path, readiness, company.difficulty, names
        )
        companies.append(
            CompanyChance(
                name=company.name,
                difficulty=company.difficulty,
                source=company.source,
                probability=round(probability, 1),
                band=band_of(probability),
                explanation=text,
                lever_skill=skill,
                lever_points=points,
            )
        )

    gaps = skill_gaps(role, inputs.skills, names) if role is not None else []
    actions = next_actions(
        role, inputs.skills, measured, inputs.path, gaps, names, gains, inputs.assessable
    )
    return InsightsDocument(
        profile_id=inputs.profile_id,
        computed_at=inputs.computed_at,
        target_role=(
            TargetRole(role_id=role.id, title=role.title, onet_code=role.onet_code, chosen=chosen)
            if role is not None
            else None
        ),
        readiness=Readiness(
            value=round(readiness, 1),
            assessment_component=round(assessment, 1),
            learning_component=round(learning, 1),
            weights=WEIGHTS,
            measured_skills=measured_in_role,
            role_skills=len(role.skills) if role is not None else 0,
            path_items=len(inputs.path),
            # "done" means the gap is closed, not only that the item was ticked
            path_items_done=sum(1 for c in credits if c >= 1.0),
        ),
        companies=companies,
        roles=matches,
        top_roles=[m.role_id for m in matches[:TOP_ROLES] if m.match > 0],
        gaps=gaps,
        next_actions=actions,
        hints=hints(inputs, role, chosen, measured_in_role),
    )


def fingerprint(doc: InsightsDocument) -> str:
    """sha256 over every number the document shows (not its timestamp).

    Two recomputes with the same fingerprint look identical to the learner, so only the
    first is kept in the history.
    """
    return doc.number_fingerprint()
