"""Qt-free charts: the figures (data and empty states), hover on an Agg canvas, the CLI and
the demo seeder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg

from careerdesk.cli import main
from careerdesk.core.charts.queries import ChartsData, ReadinessPoint
from careerdesk.core.skills.rules import SkillPoint
from careerdesk.render.charts.figures import CHART_KEYS, draw_chart, new_figure
from careerdesk.render.charts.theme import DARK, LIGHT, ChartTheme, contrast_ratio

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n"


def empty_data() -> ChartsData:
    return ChartsData(profile_id=1, profile_name="P", skill_names={})


def test_every_chart_has_an_empty_state_not_a_blank_axis() -> None:
    for key in CHART_KEYS:
        fig = new_figure()
        result = draw_chart(key, fig, empty_data())
        assert result.empty and result.message and result.hint
        assert fig.axes == []
        assert any(result.message in t.get_text() for t in fig.texts)


def test_progression_source_filter_explains_what_is_missing() -> None:
    data = empty_data().model_copy(
        update={
            "assessment_points": [SkillPoint(skill_id="sql", level=50, source="assessment", at=T0)]
        }
    )
    fig = new_figure()
    assert not draw_chart("progression", fig, data, source="all").empty
    result = draw_chart("progression", fig, data, source="interview")
    assert result.empty and result.message == "No interview practice recorded yet"


def test_readiness_chart_and_hover_on_an_agg_canvas() -> None:
    from careerdesk.render.charts.hover import HoverController

    points = [
        ReadinessPoint(at=T0 + timedelta(days=7 * i), readiness=r, role_title="Data Analyst")
        for i, r in enumerate([40, 48, 55])
    ]
    data = empty_data().model_copy(update={"readiness": points})
    fig = new_figure()
    canvas = FigureCanvasAgg(fig)
    result = draw_chart("readiness", fig, data, DARK)
    canvas.draw()
    hover = HoverController(fig, DARK)
    hover.connect()
    hover.set_targets(result.targets)
    target = result.targets.points[0]
    x, y = fig.axes[0].transData.transform((target.xs[1], target.ys[1]))
    canvas.callbacks.process("motion_notify_event", MouseEvent("motion_notify_event", canvas, x, y))
    assert hover.shown == "Readiness for Data Analyst: 48%\nsource: insights\n12 Jan 2026"
    far = MouseEvent("motion_notify_event", canvas, x, y + 60)
    canvas.callbacks.process("motion_notify_event", far)
    assert hover.shown is None


def test_palettes_keep_series_readable() -> None:
    for theme in (LIGHT, DARK):
        for colour in theme.cycle:
            assert contrast_ratio(colour, theme.axes_bg) >= 3.0, (theme.dark, colour)
    assert ChartTheme.from_palette("#202124", "#2a2b2e", "#e8eaed").dark
    assert not ChartTheme.from_palette("#efefef", "#ffffff", "#000000").dark


def test_cli_writes_the_charts_as_png(tmp_path: Path, capsys, demo_installed) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report"
    assert main(["charts", "--profile", "demo", "--output", str(out)]) == 0
    for key in CHART_KEYS:
        data = (out / f"{key}.png").read_bytes()
        assert data[:8] == PNG and len(data) > 10_000, key
    printed = capsys.readouterr().out
    assert "Wrote 4 charts for 'Demo'" in printed
    # the demo's insights snapshots give the readiness chart a history
    assert "readiness.png\n" in printed and "readiness.png  (empty" not in printed
    # never overwrites by surprise; --overwrite does; SVG on request
    assert main(["charts", "--profile", "demo", "--output", str(out)]) == 2
    assert "nothing was written" in capsys.readouterr().err
    assert main(["charts", "--profile", "demo", "--output", str(out), "--overwrite"]) == 0
    assert main(["charts", "--profile", "demo", "--output", str(out), "--format", "svg"]) == 0
    assert "<svg" in (out / "radar.svg").read_text()
    assert main(["charts", "--profile", "nobody", "--output", str(out)]) == 2


def test_demo_seeder_adds_improving_interviews(demo_app) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.charts.queries import ChartsDataService
    from careerdesk.core.interviews.service import InterviewPracticeService
    from careerdesk.demo import DEMO_NAME

    sqlite_app = demo_app  # the demo as `careerdesk demo` builds it, shared by this process
    profile = sqlite_app.profiles.by_name(DEMO_NAME)
    practices = sqlite_app.service(InterviewPracticeService).list(profile.id)
    assert 5 <= len(practices) <= 6
    span = practices[0].held_at - practices[-1].held_at
    assert timedelta(weeks=7) <= span <= timedelta(weeks=9)
    assert all(p.preferred_feedback is not None for p in practices)
    data = sqlite_app.service(ChartsDataService).gather(profile.id)
    directions = {t.skill_id: t.direction for t in data.trends if t.source == "interview"}
    assert set(directions.values()) == {"improving"}
    assert data.radar is not None


@pytest.mark.parametrize("key", CHART_KEYS)
def test_unknown_options_are_bugs_not_silence(key: str) -> None:
    with pytest.raises(TypeError):
        draw_chart(key, new_figure(), empty_data(), LIGHT, colour="pink")


def _series(levels: dict[str, list[float]]) -> ChartsData:
    points = [
        SkillPoint(skill_id=skill, level=v, source="interview", at=T0 + timedelta(days=7 * i))
        for skill, values in levels.items()
        for i, v in enumerate(values)
    ]
    return empty_data().model_copy(update={"interview_points": points})


def test_new_values_in_the_same_series_reuse_the_lines_and_rescale_the_dates() -> None:
    fig = new_figure()
    FigureCanvasAgg(fig)
    first = draw_chart("progression", fig, _series({"technical": [40, 50, 60]}), chrome=False)
    (line,) = fig.axes[0].get_lines()
    assert not first.reused and fig.texts == [] and fig.axes[0].get_legend() is None
    assert [e.label for e in first.legend] == ["Technical · interview"]
    assert first.legend[0].marker == "o" and first.legend[0].linestyle == "-"
    again = draw_chart("progression", fig, _series({"technical": [41, 52, 63, 70]}), chrome=False)
    assert again.reused and fig.axes[0].get_lines() == [line]
    assert list(line.get_ydata()) == [41, 52, 63, 70]
    assert fig.axes[0].get_xlim()[1] > line.get_xdata()[-1]  # the new date is in view
    assert again.legend == first.legend
    # another series appears: full rebuild
    third = draw_chart(
        "progression", fig, _series({"technical": [41], "communication": [60]}), chrome=False
    )
    assert not third.reused and len(fig.axes[0].get_lines()) == 2


def test_files_get_title_and_legend_drawn_in() -> None:
    fig = new_figure()
    result = draw_chart("progression", fig, _series({"technical": [40, 50]}))
    assert fig.get_suptitle() == "Skill progression"
    legend = fig.axes[0].get_legend()
    assert legend is not None and legend.get_texts()[0].get_text() == "Technical · interview"
    assert result.legend_title.startswith("Trend over the last 5")


def _radar(labels: list[str]) -> ChartsData:
    from careerdesk.core.charts.queries import RadarData
    from careerdesk.core.skills.rules import RadarAxis

    axes = [
        RadarAxis(skill_id=f"s{i}", label=label, target=70, importance=3, current=40 + i)
        for i, label in enumerate(labels)
    ]
    radar = RadarData(role_id="r", role_title="Data Analyst", axes=axes)
    return empty_data().model_copy(update={"radar": radar})


@pytest.mark.parametrize("size", [(3.6, 2.6), (6.0, 4.0), (9.0, 6.0)])
def test_radar_labels_stay_inside_the_figure(size: tuple[float, float]) -> None:
    # The issue saw "ython" and "Communicatio": labels cut at the figure's edges.
    labels = ["Data Analysis & Visualisation", "SQL", "Communication", "Problem solving"]
    labels += ["Statistics & Probability", "Python", "Database Design & Administration"]
    fig = new_figure(*size)
    canvas = FigureCanvasAgg(fig)
    draw_chart("radar", fig, _radar(labels), LIGHT, chrome=False)
    canvas.draw()
    renderer = canvas.get_renderer()
    for tick in fig.axes[0].get_xticklabels():
        box = tick.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width, tick.get_text()
        assert box.y0 >= 0 and box.y1 <= fig.bbox.height, tick.get_text()
    assert "Communication" in [t.get_text() for t in fig.axes[0].get_xticklabels()]  # unbroken


def test_date_axis_names_the_month_once_in_words() -> None:
    # Weekly points inside one month: ticks are days, the context is said once as
    # "Jan 2026" (matplotlib's default offset read "2026-Jan").
    fig = new_figure()
    canvas = FigureCanvasAgg(fig)
    draw_chart("progression", fig, _series({"technical": [40, 50, 60]}), chrome=False)
    canvas.draw()
    offset = fig.axes[0].xaxis.get_offset_text().get_text()
    assert offset == "Jan 2026"


def test_radar_labels_say_which_estimates_are_self_rated_only() -> None:
    from careerdesk.core.charts.queries import RadarData
    from careerdesk.core.skills.rules import RadarAxis

    axes = [
        RadarAxis(
            skill_id="sql",
            label="SQL",
            target=75,
            importance=5,
            current=45.0,
            current_source="assessment",
            low=29.0,
            high=61.0,
        ),
        RadarAxis(
            skill_id="databases",
            label="Databases",
            target=35,
            importance=2,
            current=30.0,
            current_source="self",
            low=0.0,
            high=62.0,
        ),
        RadarAxis(skill_id="ux", label="UX", target=40, importance=1, current=None),
    ]
    data = empty_data().model_copy(
        update={"radar": RadarData(role_id="r", role_title="Role", axes=axes)}
    )
    fig = new_figure()
    draw_chart("radar", fig, data)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["SQL", "Databases\n(self-rated)", "UX\n(not measured)"]
