"""Published survey figures beside a business's own answers, worked out once for every surface
(the text and JSON of `assess`, the reports, the app's results).

The rule (docs/survey-figures.md): a figure applies when it counts businesses of the profile's
country (or of the whole EU, for a business in an EU country) and of its size band, and its
correspondence to our question or capability is close (`contract.peers.SHOWN`). Figures for the
same thing (the same question and options, or capability) and the same country are taken
together: only the newest survey year's count, and when one of them is disputed, or two differ by
more than `DISAGREEMENT_POINTS`, none is shown and the comparison is listed as left out, with why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..contract.peers import BASIS_WORDS, DISAGREEMENT_POINTS, EU, EU_COUNTRIES, SHOWN
from ..contract.result import Result
from ..contract.vocabulary import size_band

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..catalog.peers import SourcedFigure

#: Where a population is, in words ("micro businesses in the UK").
PLACES = {
    "GB": "the UK", "US": "the US", "EU": "the EU", "IE": "Ireland", "DE": "Germany", "FR": "France",
    "NL": "the Netherlands", "BE": "Belgium", "ES": "Spain", "IT": "Italy", "PT": "Portugal", "AT": "Austria",
    "DK": "Denmark", "SE": "Sweden", "FI": "Finland", "NO": "Norway", "PL": "Poland", "CZ": "Czechia",
    "CH": "Switzerland", "CA": "Canada", "AU": "Australia", "NZ": "New Zealand",
}
STATUS_WORDS = {"achieved": "in place", "partial": "partly in place", "not_started": "not in place",
                "not_applicable": "does not apply"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SurveySource(_Model):
    """Where a figure comes from."""

    survey: str
    publisher: str
    year: int
    url: str
    #: the survey's question or measure as published
    wording: str
    #: P: read in the survey's own publication; S: in a published summary of it
    basis: Literal["P", "S"]
    read_in: str
    #: the plugin whose file holds the figure
    plugin: str


class PeerComparison(_Model):
    """One survey figure shown beside the business's own answer."""

    figure: str
    label: str
    #: the question (or capability) of ours it corresponds to, and how closely
    question: str | None
    options: list[str]
    capability: str | None
    relation: str
    #: the business's side in words: "yes", "no", "don't know", "not answered yet", "in place", ...
    yours: str
    #: the option(s) the business chose, by label; "" when it gave none
    your_answer: str
    #: whom the figure counts, in words, and as codes
    population: str
    country: str
    size_band: str
    percent: float
    source: SurveySource
    #: the line an owner reads
    sentence: str


class LeftOut(_Model):
    """A comparison not shown, and why."""

    label: str
    population: str
    reason: Literal["disputed", "disagree"]
    #: the figures that were set aside, by id
    figures: list[str]
    sentence: str


class PeerFigures(_Model):
    """The survey figures matched to a business: those shown and those left out."""

    shown: list[PeerComparison] = []
    left_out: list[LeftOut] = []
    #: why nothing matched, or which businesses the figures count, in words
    note: str = ""

    def lines(self) -> list[str]:
        """The comparison in sentences, for the command line and the terminal app ([] when
        nothing matched)."""
        if not self.shown and not self.left_out:
            return []
        out = [c.sentence for c in self.shown]
        out += [x.sentence for x in self.left_out]
        return out


def population_words(country: str, band: str, words: str = "") -> str:
    low, _, high = band.partition("-")
    group = words or f"businesses with {low} to {high} people"
    place = PLACES.get(country, country)
    return f"{group[0].upper()}{group[1:]} in {place}"


def percent_text(value: float) -> str:
    return f"{value:.0f}%" if float(value).is_integer() else f"{value:.1f}%"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


#: an answer file (`assessment.models.AnswerFile`; typed loosely: that module imports this one)
AnswerFile = Any


def _yours(one: SourcedFigure, catalog: Catalog, answers: AnswerFile, result: Result) -> tuple[str, str] | None:
    """The business's side of a comparison: (in words, the chosen option labels), or None when
    the question or capability is not part of this assessment."""
    target = one.figure.matches
    if target.capability is not None:
        cap = result.capabilities.get(target.capability)
        return (STATUS_WORDS[cap.status], "") if cap is not None else None
    found = catalog.questions.get(target.question or "")
    if found is None or found[1] not in result.capabilities:
        return None
    question = found[0]
    answer = answers.answers.get(question.id)
    if answer is None or (answer.state == "answered" and answer.answer in ("", None, [])):
        return "not answered yet", ""
    if answer.state == "dont_know":
        return "don't know", ""
    if answer.state == "not_applicable":
        return "does not apply", ""
    given = answer.answer
    if isinstance(given, bool):
        chosen = ["yes" if given else "no"]
    elif isinstance(given, list):
        chosen = [str(x) for x in given]
    else:
        chosen = [str(given)]
    labels = [o.label for c in chosen if (o := question.option(c)) is not None]
    counted = any(c in target.options for c in chosen)
    return ("yes" if counted else "no"), "; ".join(labels)


def _applies(one: SourcedFigure, country: str, band: str) -> bool:
    population = one.figure.population
    if population.size_band != band or one.figure.matches.relation not in SHOWN:
        return False
    return population.country == country or (population.country == EU and country in EU_COUNTRIES)


def peer_figures(catalog: Catalog, answers: AnswerFile, result: Result) -> PeerFigures:
    """The survey figures for this business, each beside its own answer (see the module's rule)."""
    profile = answers.profile
    content = catalog.peers
    if not content.figures:
        return PeerFigures(note="No survey figures are installed.")
    if not profile.country:
        return PeerFigures(note="No survey figures: the profile gives no country.")
    band = size_band(profile.size)
    if band is None:
        why = "gives no size" if profile.size is None else f"gives a size of {profile.size} people, beyond the largest band (50 to 249)"
        return PeerFigures(note=f"No survey figures: the profile {why}.")
    groups: dict[tuple, list[SourcedFigure]] = {}
    for one in content.figures:
        if _applies(one, profile.country, band):
            m = one.figure.matches
            key = (m.question, tuple(sorted(m.options)), m.capability, one.figure.population.country)
            groups.setdefault(key, []).append(one)
    shown: list[PeerComparison] = []
    left_out: list[LeftOut] = []
    for group in groups.values():
        newest = max(g.survey.year for g in group)
        current = [g for g in group if g.survey.year == newest]
        first = current[0]
        yours = _yours(first, catalog, answers, result)
        if yours is None:
            continue
        population = population_words(first.figure.population.country, band, first.figure.population.words)
        label = first.figure.label
        percents = [g.figure.percent for g in current]
        if any(g.figure.disputed for g in current) or max(percents) - min(percents) > DISAGREEMENT_POINTS:
            disputed = any(g.figure.disputed for g in current)
            why = ("the figure is disputed" if disputed else
                   f"the published figures disagree ({', '.join(percent_text(p) for p in percents)})")
            left_out.append(LeftOut(
                label=label, population=population, reason="disputed" if disputed else "disagree",
                figures=[g.figure.id for g in current],
                sentence=f"{label}: no survey figure is shown for {_lower_first(population)}, because {why}.",
            ))
            continue
        fig, survey = first.figure, first.survey
        words, chosen = yours
        sentence = (f"{label}: you — {words}{f' (“{chosen}”)' if chosen else ''}. "
                    f"{population}: {percent_text(fig.percent)} (survey figure: {survey.name}).")
        shown.append(PeerComparison(
            figure=fig.id, label=label, question=fig.matches.question, options=list(fig.matches.options),
            capability=fig.matches.capability, relation=fig.matches.relation, yours=words, your_answer=chosen,
            population=population, country=fig.population.country, size_band=band, percent=float(fig.percent),
            source=SurveySource(survey=survey.name, publisher=survey.publisher, year=survey.year, url=survey.url,
                                wording=fig.wording, basis=fig.basis, read_in=fig.read_in, plugin=first.plugin),
            sentence=sentence,
        ))
    if not shown and not left_out:
        place = PLACES.get(profile.country, profile.country)
        low, _, high = band.partition("-")
        return PeerFigures(note=f"No survey figures for businesses in {place} with {low} to {high} people.")
    return PeerFigures(shown=shown, left_out=left_out, note=(
        "Survey figures: the share of businesses like this one that a published survey found doing the same; "
        "shown only where the survey asked nearly what this assessment asks."))


def _no_figures(figures: PeerFigures | None) -> bool:
    return figures is None or not (figures.shown or figures.left_out)


class AssessOutput(Result):
    """`maturity assess --json`: the result, and the published survey figures beside the
    business's answers when any match it (docs/survey-figures.md)."""

    peer_figures: Annotated[PeerFigures | None, Field(exclude_if=_no_figures)] = None


def basis_words(basis: str) -> str:
    return BASIS_WORDS.get(basis, basis)
