"""Published peer figures: what a named survey found for businesses of one country and size band
("43% of UK businesses with 1 to 9 people use two-factor authentication"), each tied to the
question or capability of ours it corresponds to.

The built-in figures live in ``questionnaires/peers/*.toml``; a plugin adds files of the same
format through ``register_peer_figures``. A file holds ``[[survey]]`` tables (the source: its
name, publisher, year and address) and ``[[figure]]`` tables (the figure, the survey's question as
published, the population it counts, what it corresponds to and how closely). An assessment shows
a figure beside the business's own answer only when the correspondence is close (`SHOWN`), the
figure is not disputed, and no other figure for the same thing disagrees with it by more than
`DISAGREEMENT_POINTS` (docs/survey-figures.md). `maturity schema peers` prints the JSON Schema;
`maturity validate` checks every file.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, model_validator

from ..common.ids import ID_PART
from .questionnaire import Strict

#: How closely a survey's question matches ours: the same thing asked in other words, close
#: (differs in detail only), broader or narrower than ours, or loosely related.
Relation = Literal["same", "close", "broader", "narrower", "loose"]
#: The relations close enough for a figure to be shown beside a business's answer.
SHOWN: tuple[str, ...] = ("same", "close")
#: Two figures for the same thing and year further apart than this many percentage points
#: disagree, and neither is shown. A survey of about a thousand businesses has a margin of error
#: of about three points either way; five points apart is more than sampling explains.
DISAGREEMENT_POINTS = 5.0
#: P: read in the publisher's own text or tables; S: read in a third party's summary of it.
PeerBasis = Literal["P", "S"]
BASIS_WORDS = {"P": "read in the survey's own publication", "S": "read in a published summary of the survey"}
#: The size bands of the figures, those of the peer benchmarks (`vocabulary.SIZE_BANDS`).
SizeBand = Literal["1-9", "10-49", "50-249"]
#: "EU": the figure counts businesses of the whole European Union, not of one country.
EU = "EU"
EU_COUNTRIES = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
Number = StrictFloat | StrictInt


class Survey(Strict):
    """A published survey: where its figures come from."""

    id: Annotated[str, Field(pattern=ID_PART, max_length=60)]
    #: its name as published, with its year: "Cyber Security Breaches Survey 2026"
    name: Annotated[str, Field(min_length=3, max_length=120)]
    publisher: Annotated[str, Field(min_length=2)]
    #: the year it was published
    year: Annotated[StrictInt, Field(ge=1990, le=2100)]
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    note: str = ""


class Population(Strict):
    """Whom a figure counts: businesses of one country (or the EU) and one size band."""

    #: a two-letter country code ("GB"), or "EU" for the European Union as a whole
    country: Annotated[str, Field(pattern=r"^([A-Z]{2})$")]
    size_band: SizeBand
    #: the survey's own words for the group, when they say more ("micro businesses, 1 to 9 employees")
    words: str = ""


class Correspondence(Strict):
    """What of ours a figure corresponds to: one question (and the options that count as doing
    what the survey counts) or one capability (in place counts), and how closely."""

    question: Annotated[str, Field(min_length=3)] | None = None
    #: the options of `question` whose answer counts as doing what the survey counts
    options: list[Annotated[str, Field(min_length=1)]] = []
    capability: Annotated[str, Field(min_length=3)] | None = None
    relation: Relation
    #: why the relation is what it says: how the survey's question and ours differ
    why: Annotated[str, Field(min_length=10)]

    @model_validator(mode="after")
    def _one_target(self) -> Correspondence:
        if (self.question is None) == (self.capability is None):
            raise ValueError("give either question (with options) or capability, one of them")
        if self.question is not None and not self.options:
            raise ValueError("a question needs options: those whose answer counts as doing what the survey counts")
        if self.capability is not None and self.options:
            raise ValueError("options go with a question, not with a capability")
        return self


class PeerFigure(Strict):
    """One published figure: the share of a population that does something, in percent."""

    id: Annotated[str, Field(pattern=ID_PART, max_length=80)]
    #: the id of a `[[survey]]` of this file or of another loaded one
    survey: Annotated[str, Field(pattern=ID_PART)]
    #: what is counted, in an owner's words, as the line shown starts: "Two-step login on email"
    label: Annotated[str, Field(min_length=3, max_length=80)]
    #: the survey's question or measure as published (or as the summary gives it)
    wording: Annotated[str, Field(min_length=5)]
    population: Population
    percent: Annotated[Number, Field(ge=0, le=100)]
    basis: PeerBasis
    #: where the figure was read: the table of the survey, or the summary that gives it
    read_in: Annotated[str, Field(min_length=3)]
    matches: Correspondence
    #: the figure is in doubt (sources read it differently, or it may belong to another measure):
    #: it is never shown, and `note` says why
    disputed: StrictBool = False
    note: str = ""

    @model_validator(mode="after")
    def _dispute_explained(self) -> PeerFigure:
        if self.disputed and not self.note.strip():
            raise ValueError("a disputed figure needs a note saying what is in doubt")
        return self


class PeerFile(Strict):
    """One peer figures file: surveys and figures, each list optional."""

    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")] = "1.0.0"
    changelog: str = ""
    survey: list[Survey] = []
    figure: list[PeerFigure] = []
