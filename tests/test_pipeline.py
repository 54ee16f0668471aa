"""The runner's stage declarations and error handling."""

from __future__ import annotations

import dataclasses

import pytest

from storyline import pipeline
from storyline.model import Problem, RawDoc
from storyline.settings import load_settings


def test_pipeline_stages_are_ordered() -> None:
    pipeline.check_stages()


def test_pipeline_check_rejects_missing_requirement() -> None:
    stages = list(pipeline.STAGES)
    stages[0], stages[1] = stages[1], stages[0]
    with pytest.raises(ValueError, match="requires"):
        pipeline.check_stages(stages)


def test_pipeline_check_rejects_unknown_output() -> None:
    bad = dataclasses.replace(pipeline.STAGES[0], provides=("nonsense",))
    with pytest.raises(ValueError, match="unknown"):
        pipeline.check_stages([bad])


def test_pipeline_version_changes_with_a_stage() -> None:
    assert len(pipeline.PIPELINE_VERSION) == 12


def _raw(text: str) -> RawDoc:
    data = text.encode()
    return RawDoc(id="x" * 64, origin="t.txt", data=data, text=text, content_type="text")


@pytest.mark.slow
def test_pipeline_failing_stage_becomes_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    from storyline.stages import quantities

    monkeypatch.setattr(quantities, "find_quantities", boom)
    ctx = pipeline.Context(settings=load_settings())
    out = pipeline.run_article(_raw("Title line here\n\nThe minister said on Monday that 300 soldiers arrived in the city."), ctx)
    assert not isinstance(out, Problem)
    assert [p.stage for p in out.problems] == ["quantities"]
    assert out.quantities == ()
    assert out.article.body


@pytest.mark.slow
def test_pipeline_non_english_keeps_only_confirmed_mentions_and_no_events() -> None:
    text = ("Die Bundesregierung in Berlin hat am Montag neue Hilfen angekündigt.\n\n"
            "Bundeskanzler Olaf Scholz sagte in Berlin, Deutschland werde der Ukraine weitere "
            "Luftabwehrsysteme liefern. Die Opposition kritisierte den Plan scharf und verlangte "
            "eine Debatte im Bundestag über die Kosten der Hilfe für das laufende Jahr.")
    ctx = pipeline.Context(settings=load_settings())
    out = pipeline.run_article(_raw(text), ctx)
    assert not isinstance(out, Problem)
    assert out.language == "de"
    assert out.events == () and out.claims == ()
    assert all(m.kb_id for m in out.mentions)
