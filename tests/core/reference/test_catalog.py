"""Reference data: shipped files are valid and large enough; broken files fail clearly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from careerdesk.core.reference.catalog import CatalogError, load_catalog, load_catalog_from
from careerdesk.core.reference.onet import normalise_title, onet
from careerdesk.resources_access import resource


def test_shipped_catalogue_meets_the_issue() -> None:
    c = load_catalog()
    assert len(c.skills) >= 15
    assert len(c.roles) >= 15
    assert len(c.questions) >= 300
    counts = c.question_counts()
    full = [s for s, d in counts.items() if all(d[x] > 0 for x in ("easy", "medium", "hard"))]
    assert len(full) >= 12
    assert len(c.content) >= 60
    assert c.riasec is not None and len(c.riasec.items) >= 30
    for role in c.roles.values():
        assert role.onet_code in onet().occupations, role.id
    for item in c.content:
        assert item.url.startswith("https://")


def test_questions_have_one_right_answer_and_distinct_options() -> None:
    for q in load_catalog().questions:
        assert len({o.strip().lower() for o in q.options}) == 4
        assert 0 <= q.answer < 4


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    src = resource("catalog")
    target.mkdir()
    (target / "questions").mkdir()
    for name in ("skills.json", "roles.json", "content.json", "riasec.json"):
        (target / name).write_text((src / name).read_text(encoding="utf-8"), encoding="utf-8")
    for node in (src / "questions").iterdir():
        if node.name.endswith(".json"):
            (target / "questions" / node.name).write_text(node.read_text(encoding="utf-8"))
    return target


def test_copy_loads(catalog_copy: Path) -> None:
    assert len(load_catalog_from(catalog_copy).questions) == len(load_catalog().questions)


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_duplicate_options_name_file_and_question(catalog_copy: Path) -> None:
    qfile = catalog_copy / "questions" / "sql.json"

    def dup(d):  # type: ignore[no-untyped-def]
        q = d["questions"][2]
        q["options"][1] = q["options"][0]

    _edit(qfile, dup)
    bad_id = json.loads(qfile.read_text())["questions"][2]["id"]
    with pytest.raises(CatalogError) as info:
        load_catalog_from(catalog_copy)
    assert "questions/sql.json" in str(info.value)
    assert bad_id in str(info.value)
    assert "distinct" in str(info.value)


def test_unknown_skill_in_role_is_named(catalog_copy: Path) -> None:
    roles = catalog_copy / "roles.json"
    _edit(roles, lambda d: d["roles"][0]["skills"][0].update(skill="juggling"))
    with pytest.raises(CatalogError, match=r"roles\.json.*juggling"):
        load_catalog_from(catalog_copy)


def test_answer_out_of_range_and_bad_json(catalog_copy: Path) -> None:
    _edit(catalog_copy / "questions" / "git.json", lambda d: d["questions"][0].update(answer=4))
    with pytest.raises(CatalogError, match=r"git\.json.*git-e01"):
        load_catalog_from(catalog_copy)
    shutil.copy(catalog_copy / "roles.json", catalog_copy / "questions" / "git.json")
    (catalog_copy / "content.json").write_text("{broken")
    (catalog_copy / "questions" / "git.json").unlink()
    with pytest.raises(CatalogError, match=r"content\.json: not valid JSON"):
        load_catalog_from(catalog_copy)


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Senior Software Engineer", "15-1252.00"),
        ("Sr. Data Scientist", "15-2051.00"),
        ("UX Designer", "15-1255.00"),
        ("Registered Nurses", "29-1141.00"),
        ("Penetration Tester (Remote)", "15-1299.04"),
    ],
)
def test_titles_map_to_occupations(title: str, code: str) -> None:
    prefer = {r.onet_code for r in load_catalog().roles.values()}
    match = onet().map_title(title, prefer=prefer)
    assert match is not None and match.code == code


def test_unmappable_title_gives_none() -> None:
    assert onet().map_title("Zzxq Blorp") is None
    assert onet().map_title("Senior II") is None


def test_a_shared_generic_word_is_not_a_match() -> None:
    # Only "engineer" in common with any known title: no guess (it used to say "Computer
    # Hardware Engineers").
    assert onet().map_title("Backend Engineer") is None
    assert onet().map_title("Analytics Engineer") is None


def test_without_a_preference_catalogue_roles_win_shared_titles() -> None:
    # "QA Engineer" is listed by several occupations; CareerDesk's QA role's one wins.
    qa = load_catalog().roles["qa_engineer"].onet_code
    match = onet().map_title("QA Engineer")
    assert match is not None and match.code == qa


def test_normalise_title() -> None:
    assert normalise_title("Sr. Data Analysts II (Remote)") == "data analyst"


def test_interests_and_technologies_load() -> None:
    o = onet()
    profile = o.interests["15-1252.00"]
    assert set(profile) == {"R", "I", "A", "S", "E", "C"}
    assert all(1.0 <= v <= 7.0 for v in profile.values())
    assert any(t.hot for t in o.technologies["15-1252.00"])
