"""Serialisation of per-article annotations: every Annotations survives the trip to JSON and back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave import codec
from newsweave.errors import MalformedInput
from newsweave.model import (
    Actor,
    ActorKind,
    Annotations,
    Descriptor,
    EventReport,
    Mention,
    MentionKind,
    Modality,
    Precision,
    Quote,
    Role,
    Source,
    Span,
    TimeExpr,
)
from newsweave.records import annotations_from_dict, annotations_to_dict, read_record

from .test_serialize import spans_in

# -- strategies, shared with test_store_annotations.py

_words = st.text(max_size=20)
_names = st.none() | st.text(min_size=1, max_size=20)
_ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz:-_0123456789", min_size=1, max_size=16)
_dates = st.none() | st.dates()

roles = st.builds(Role, title=_words, of=st.none() | _ids, start=_dates, end=_dates)

actors = st.builds(
    Actor,
    id=_ids,
    name=_words,
    kind=st.sampled_from(ActorKind),
    aliases=st.lists(_words, max_size=3).map(tuple),
    country=st.none() | st.sampled_from(["IRN", "ISR", "USA", "LBN"]),
    sector=st.none() | st.sampled_from(["GOV", "MIL", "REB"]),
    roles=st.lists(roles, max_size=2).map(tuple),
    in_kb=st.booleans(),
)


def timexes(size: int) -> st.SearchStrategy[TimeExpr]:
    return st.builds(
        TimeExpr,
        span=spans_in(size),
        text=_words,
        start=_dates,
        end=_dates,
        precision=st.sampled_from(Precision),
        anchor=st.sampled_from(["published", "estimated", "absolute", "none"]),
        direction=st.sampled_from(["", "past", "future", "present"]),
        modifier=st.sampled_from(["", "early", "mid", "late", "approx"]),
    )


def sources(size: int) -> st.SearchStrategy[Source]:
    return st.builds(
        Source,
        name=_words,
        span=spans_in(size),
        actor_id=st.none() | _ids,
        kind=st.sampled_from(["source", "outlet", "person", "official", "document", "anonymous"]),
    )


def quotes(size: int) -> st.SearchStrategy[Quote]:
    return st.builds(
        Quote,
        span=spans_in(size),
        text=_words,
        kind=st.sampled_from(["direct", "indirect", "mixed"]),
        speaker=_names,
        speaker_text=_names,
        speaker_span=st.none() | spans_in(size),
        cue=_names,
        cue_span=st.none() | spans_in(size),
        via=st.lists(sources(size), max_size=3).map(tuple),
    )


# Attribute pairs grouped by name, as the stages write them: the form that round-trips exactly
# (see model.attributes_to_json). A repeated name is drawn as a list of two or more values.
grouped_attributes = st.dictionaries(
    st.text(min_size=1, max_size=10), st.lists(_words, min_size=1, max_size=3), max_size=4
).map(lambda d: tuple((name, value) for name, values in d.items() for value in values))


def reports(size: int) -> st.SearchStrategy[EventReport]:
    return st.builds(
        EventReport,
        id=_ids,
        span=spans_in(size),
        trigger=spans_in(size),
        trigger_text=_words,
        event_type=st.sampled_from(["ASSAULT", "THREATEN", "ACCUSE", "MOBILIZE"]),
        mode=st.sampled_from(["", "aerial", "assassination"]),
        context=st.lists(st.sampled_from(["military", "terrorism", "diplomatic"]), max_size=2).map(tuple),
        cameo=st.sampled_from(["", "190", "1831"]),
        goldstein=st.none() | st.floats(min_value=-10, max_value=10, allow_nan=False),
        actor=st.lists(_ids, max_size=3).map(tuple),
        recipient=st.lists(_ids, max_size=3).map(tuple),
        when=st.none() | timexes(size),
        where=_names,
        where_text=_names,
        modality=st.sampled_from(Modality),
        attributed_to=st.lists(sources(size), max_size=3).map(tuple),
        attributes=grouped_attributes,
        hedged=st.booleans(),
    )


@st.composite
def texts_and_annotations(draw: st.DrawFn) -> tuple[str, Annotations]:
    """An article text and annotations whose every span lies inside it."""
    text = draw(st.text(max_size=120))
    size = len(text)
    mentions = st.builds(
        Mention,
        span=spans_in(size),
        text=_words,
        label=st.sampled_from(["PERSON", "GPE", "ORG", "NORP", "PRON", "NOMINAL"]),
        kind=st.sampled_from(MentionKind),
        actor_id=st.none() | _ids,
    )
    descriptors = st.builds(
        Descriptor,
        actor_id=_ids,
        span=spans_in(size),
        text=_words,
        kind=st.sampled_from(["appositive", "title", "premodifier", "predicate"]),
    )
    annotations = Annotations(
        article_id=draw(st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)),
        actors=tuple(draw(st.lists(actors, max_size=3))),
        mentions=tuple(draw(st.lists(mentions, max_size=4))),
        descriptors=tuple(draw(st.lists(descriptors, max_size=2))),
        timexes=tuple(draw(st.lists(timexes(size), max_size=2))),
        quotes=tuple(draw(st.lists(quotes(size), max_size=2))),
        reports=tuple(draw(st.lists(reports(size), max_size=2))),
        stages=tuple(draw(st.lists(st.sampled_from(["actors", "timex", "quotes", "events"]), max_size=4))),
        version=draw(st.sampled_from(["", "0.1.0", "0.2.0.dev3"])),
    )
    return text, annotations


def through_json(d: dict[str, Any]) -> Any:
    return json.loads(json.dumps(d, ensure_ascii=False))


# -- round trips


@given(texts_and_annotations())
def test_annotations_round_trip_through_json(pair: tuple[str, Annotations]) -> None:
    _, annotations = pair
    assert annotations_from_dict(through_json(annotations_to_dict(annotations))) == annotations


@given(texts_and_annotations())
def test_with_the_text_reports_spell_out_their_sentence_and_still_round_trip(
    pair: tuple[str, Annotations],
) -> None:
    text, annotations = pair
    d = through_json(annotations_to_dict(annotations, text))
    for item, report in zip(d["reports"], annotations.reports, strict=True):
        assert item["text"] == text[report.span.start : report.span.end]
    assert annotations_from_dict(d) == annotations


@given(st.data())
def test_each_item_round_trips_on_its_own(data: st.DataObject) -> None:
    size = 50
    pairs: list[tuple[Any, type]] = [
        (data.draw(actors), Actor),
        (data.draw(timexes(size)), TimeExpr),
        (data.draw(sources(size)), Source),
        (data.draw(quotes(size)), Quote),
        (data.draw(reports(size)), EventReport),
    ]
    for item, cls in pairs:
        assert codec.decode(cls, through_json(codec.encode(item))) == item


@given(st.lists(st.tuples(st.sampled_from(["killed", "method", "place"]), _words), max_size=8))
def test_interleaved_attributes_read_back_grouped_by_name_in_order(pairs: list[tuple[str, str]]) -> None:
    report = EventReport(
        id="a:0", span=Span(start=0, end=0), trigger=Span(start=0, end=0), trigger_text="", event_type="X"
    )
    report = dataclasses.replace(report, attributes=tuple(pairs))
    back = codec.decode(EventReport, through_json(codec.encode(report)))
    names = list(dict.fromkeys(name for name, _ in pairs))  # order of first occurrence
    assert back.attributes == tuple((n, v) for n in names for m, v in pairs if m == n)


# -- the dict shapes readers see


TEXT = "Tehran said on Wednesday that Israel killed Haniyeh in an airstrike, citing officials."


def concrete_report() -> EventReport:
    return EventReport(
        id="a1:0",
        span=Span(start=0, end=len(TEXT)),
        trigger=Span(start=37, end=43),
        trigger_text="killed",
        event_type="ASSAULT",
        mode="aerial",
        context=("military",),
        cameo="190",
        goldstein=-10,
        actor=("kb:ISR",),
        recipient=("kb:haniyeh",),
        when=TimeExpr(
            span=Span(start=15, end=24),
            text="Wednesday",
            start=dt.date(2024, 7, 31),
            end=dt.date(2024, 7, 31),
            precision=Precision.DAY,
            anchor="published",
            direction="past",
        ),
        where="kb:tehran",
        where_text="Tehran",
        modality=Modality.CLAIMED,
        attributed_to=(Source(name="officials", span=Span(start=76, end=85), kind="official"),),
        attributes=(("method", "airstrike"), ("killed", "1"), ("killed", "2")),
    )


def test_a_concrete_report_has_the_documented_shape() -> None:
    d = codec.encode(concrete_report())
    assert d["trigger"] == TEXT[d["trigger_start"] : d["trigger_end"]] == "killed"
    assert (d["type"], d["modality"], d["goldstein"]) == ("ASSAULT", "claimed", -10)
    assert TEXT[d["start"] : d["end"]] == TEXT
    assert d["when"]["text"] == TEXT[d["when"]["start"] : d["when"]["end"]] == "Wednesday"
    assert (d["when"]["date_start"], d["when"]["date_end"], d["when"]["precision"]) == (
        "2024-07-31",
        "2024-07-31",
        "day",
    )
    assert d["attributes"] == {"method": "airstrike", "killed": ["1", "2"]}
    assert list(d["attributes"]) == ["method", "killed"]
    source = d["attributed_to"][0]
    assert TEXT[source["start"] : source["end"]] == "officials"
    assert read_record(EventReport, d, what="event report", named_by="id") == concrete_report()


def test_a_concrete_quote_and_mention_have_the_documented_shape() -> None:
    quote = Quote(
        span=Span(start=30, end=67),
        text="Israel killed Haniyeh in an airstrike",
        kind="indirect",
        speaker="kb:IRN",
        speaker_text="Tehran",
        speaker_span=Span(start=0, end=6),
        cue="said",
        cue_span=Span(start=7, end=11),
    )
    assert codec.encode(quote) == {
        "start": 30,
        "end": 67,
        "text": "Israel killed Haniyeh in an airstrike",
        "kind": "indirect",
        "speaker": "kb:IRN",
        "speaker_text": "Tehran",
        "speaker_start": 0,
        "speaker_end": 6,
        "cue": "said",
        "cue_start": 7,
        "cue_end": 11,
        "via": [],
    }
    mention = Mention(
        span=Span(start=0, end=6), text="Tehran", label="GPE", kind=MentionKind.METONYM, actor_id=None
    )
    assert codec.encode(mention) == {
        "start": 0,
        "end": 6,
        "text": "Tehran",
        "label": "GPE",
        "kind": "metonym",
        "actor": None,
    }
    descriptor = Descriptor(actor_id="kb:haniyeh", span=Span(start=44, end=51), text="Haniyeh", kind="title")
    assert codec.decode(Descriptor, through_json(codec.encode(descriptor))) == descriptor
    assert read_record(Mention, codec.encode(mention), what="mention") == mention


def test_an_actor_role_keeps_its_validity_dates_apart_from_offsets() -> None:
    actor = Actor(
        id="kb:pezeshkian",
        name="Masoud Pezeshkian",
        kind=ActorKind.PERSON,
        roles=(Role(title="president", of="kb:IRN", start=dt.date(2024, 7, 28)),),
    )
    d = codec.encode(actor)
    assert d["roles"] == [
        {"title": "president", "of": "kb:IRN", "valid_from": "2024-07-28", "valid_to": None}
    ]
    assert read_record(Actor, d, what="actor", named_by="id") == actor


def test_a_minimal_annotations_dict_reads_back_with_defaults() -> None:
    assert annotations_from_dict({"article_id": "a1"}) == Annotations(article_id="a1")


def test_spans_outside_the_text_are_refused_when_writing_with_the_text() -> None:
    annotations = Annotations(article_id="a1", reports=(concrete_report(),))
    with pytest.raises(ValueError, match=r"span \[0, 86\) lies outside the text \(10 characters\)"):
        annotations_to_dict(annotations, TEXT[:10])


# -- strict reading


def _valid() -> dict[str, Any]:
    return annotations_to_dict(Annotations(article_id="a9", reports=(concrete_report(),)), TEXT)


def _with_report(**change: Any) -> dict[str, Any]:
    d = _valid()
    d["reports"][0].update(change)
    return d


@pytest.mark.parametrize(
    ("d", "message"),
    [
        ({**_valid(), "article_id": None}, "missing field 'article_id'"),
        ({**_valid(), "stages": "actors"}, "field 'stages' must be list"),
        ({**_valid(), "stages": [1]}, "expected a string"),
        ({**_valid(), "mentions": ["Tehran"]}, r"mentions\[0\]: expected an object"),
        (
            {**_valid(), "actors": [{"id": "x", "name": "X", "kind": "alien"}]},
            "'alien' is not a valid ActorKind",
        ),
        (_with_report(modality="rumoured"), r"reports\[0\]\.modality: 'rumoured' is not a valid Modality"),
        (_with_report(trigger_end=None), r"reports\[0\]: missing field 'trigger_end'"),
        (_with_report(start=9, end=3), r"reports\[0\]: invalid span \[9, 3\)"),
        (_with_report(goldstein="-10"), "field 'goldstein' must be float"),
        (_with_report(hedged="yes"), "field 'hedged' must be bool"),
        (_with_report(attributes={"killed": []}), "attribute 'killed' has an empty list"),
        (_with_report(attributes={"killed": 2}), "attribute 'killed': expected a string"),
        (_with_report(attributed_to=[{"start": 0, "end": 1}]), r"attributed_to\[0\]: missing field 'name'"),
        (
            _with_report(
                when={
                    "start": 0,
                    "end": 1,
                    "text": "x",
                    "precision": "day",
                    "anchor": "none",
                    "date_start": "31 July",
                }
            ),
            "Invalid isoformat",
        ),
    ],
)
def test_malformed_annotations_raise_malformed_input(d: dict[str, Any], message: str) -> None:
    with pytest.raises(MalformedInput, match=message) as caught:
        annotations_from_dict(d)
    assert caught.value.source == (d["article_id"] if isinstance(d["article_id"], str) else None)
    assert "[NW105]" in str(caught.value)


def test_a_quote_with_half_a_speaker_span_is_malformed() -> None:
    d = {"start": 0, "end": 3, "text": "abc", "kind": "direct", "speaker_start": 0}
    with pytest.raises(MalformedInput, match="'speaker_start' and 'speaker_end' must both be set"):
        read_record(Quote, d, what="quote")


def test_item_readers_name_their_item() -> None:
    with pytest.raises(MalformedInput, match="not a valid event report") as caught:
        read_record(EventReport, {"id": "a1:3", "start": 0, "end": 1}, what="event report", named_by="id")
    assert caught.value.source == "a1:3"
    with pytest.raises(MalformedInput, match="not a valid annotations record: expected an object"):
        annotations_from_dict([])  # type: ignore[arg-type]
