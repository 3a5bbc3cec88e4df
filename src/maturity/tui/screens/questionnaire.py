"""The questionnaire: one question at a time, domain by domain, keyboard first.

Every answer is queued for the database the moment it is given, and so is the question the
user is on, so quitting at any moment and starting again comes back to the same question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...assessment import interview as iv
from ...common.errors import UsageError
from ...assessment.models import Answer, AnswerFile, Respondent
from ...contract.profile import Profile
from ..text import count, literal, printable
from ..widgets.domain_list import DomainList
from ..widgets.question_view import QuestionView, question_help
from ..widgets.respondent_bar import RespondentBar

if TYPE_CHECKING:  # pragma: no cover
    from ...store import StoredAssessment
    from ..workspace import Workspace


class QuestionnaireScreen(Screen[None]):
    CSS_PATH = "questionnaire.tcss"
    SCREEN_NAME = "questionnaire"
    HELP = (
        "Answer each question for the business as it is today, not as planned. Every answer is "
        "saved the moment you give it: quit whenever you like and you will come back to the same "
        "question. Don't know counts as not in place and is reported; not applicable takes the "
        "question out of the score, with your reason."
    )
    KEYS = [
        ("1-9", "choose an option (ticks and unticks on a several-choice question)"),
        ("0", "none of these (several-choice questions)"),
        ("enter", "keep the answer given and move on (after ↑ ↓: choose the highlighted option)"),
        ("↑ ↓", "highlight an option"),
        ("← →", "previous / next question"),
        ("pgup pgdn", "previous / next domain"),
        ("d", "don't know"),
        ("n", "not applicable, with a reason"),
        ("e", "note, evidence and confidence for the answer"),
        ("x", "clear the answer"),
        ("?", "help for this question (? again closes it)"),
        ("u", "next unanswered question"),
        ("p", "change the business profile"),
        ("w", "who is answering: answer under your own name"),
        ("f", "finish and see the results"),
        ("escape", "back to the organisations (everything is saved)"),
        ("q", "quit (everything is saved)"),
    ]
    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9", show=False),
        *(Binding(str(i), f"choose({i})", show=False) for i in range(2, 10)),
        Binding("0", "none", "None of these", show=False),
        Binding("d", "dont_know", "Don't know"),
        Binding("n", "not_applicable", "N/A"),
        Binding("e", "note", "Note", show=False),
        Binding("question_mark", "toggle_help", "Help", key_display="?"),
        Binding("left", "previous", "Previous", key_display="←", group=Binding.Group("Move")),
        Binding("right", "next", "Next", key_display="→", group=Binding.Group("Move")),
        Binding("pageup", "domain(-1)", "Prev domain", show=False),
        Binding("pagedown", "domain(1)", "Next domain", show=False),
        Binding("u", "unanswered", "Next unanswered", show=False),
        Binding("x", "clear", "Clear answer", show=False),
        Binding("p", "profile", "Profile", show=False),
        Binding("w", "respondent", "Who answers", show=False),
        Binding("f", "finish", "Finish"),
        Binding("escape", "leave", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    class Completed(Message):
        """The assessment was completed and stored."""

        def __init__(self, org: str) -> None:
            super().__init__()
            self.org = org

    def __init__(self, workspace: Workspace, org: str, draft: StoredAssessment) -> None:
        super().__init__()
        self.workspace = workspace
        self.org = org
        self.draft_id = draft.id
        self.profile: Profile = draft.answer_file.profile
        self.answers: dict[str, Answer] = dict(draft.answer_file.answers)
        self.interview = iv.Interview(workspace.catalog, self.profile)
        self.versions = dict(draft.answer_file.questionnaires) or self.interview.catalog.versions()
        self.index = self.interview.resume_at(self.answers, draft.position)
        self.finishing = False
        self.unsaved: set[str] = set()  # questions whose last answer the database refused
        known = workspace.catalog.questions
        #: answers to questions of questionnaires not loaded now: kept in the store, not scored
        self.orphans = sorted(qid for qid in self.answers if qid not in known)
        self.missing = sorted(set(self.versions) - set(workspace.catalog.questionnaires))
        #: who answers the draft by name (none: answered without names); the one answering now
        self.respondents: list[Respondent] = list(draft.answer_file.respondents)
        self.respondent: Respondent | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield RespondentBar(id="respondent")
        with Horizontal(id="body"):
            yield DomainList(id="domains")
            yield QuestionView(id="question-view")
        yield Static("", id="empty")
        yield Footer()

    def _orphans_note(self) -> str:
        where = ", ".join(self.missing) or "questionnaires that are not loaded"
        return (f"{count(len(self.orphans), 'answer')} of this draft belong to {where}, not loaded now: "
                "they stay in the database but are not shown or scored. Load them again (their plugin, or "
                "--questionnaires) before finishing to count them.")

    def on_mount(self) -> None:
        self.sub_title = printable(self.org)
        if self.orphans:
            self.notify(self._orphans_note(), title="Answers not shown", severity="warning", timeout=30, markup=False)
        if not len(self.interview):
            self.query_one("#body").display = False
            empty = self.query_one("#empty", Static)
            empty.display = True
            empty.update(literal("No question applies to this business with the loaded questionnaires. Press f to finish, p to change the profile."))
            return
        self.query_one("#empty").display = False
        self._draw()
        self.query_one(QuestionView).focus_input()
        self._save_position()
        if self.respondents:
            self.action_respondent()  # several people answer this draft: ask who this is

    # -- drawing ------------------------------------------------------------------------------

    @property
    def step(self) -> iv.Step:
        return self.interview.steps[self.index]

    def _draw(self) -> None:
        step = self.step
        self.query_one(DomainList).show(self.interview.progress(self.answers), step.domain)
        self.query_one(QuestionView).show(
            step, self.workspace.catalog.questionnaire(step.domain), self.answers.get(step.question.id),
            saved=step.question.id not in self.unsaved, position=self.interview.position(step, self.answers),
        )
        self.query_one(RespondentBar).show(self.respondent, self.answers.get(step.question.id))
        left = self.interview.unanswered_count(self.answers)
        org = printable(self.org)
        self.sub_title = f"{org} · {left} unanswered" if left else f"{org} · all answered: press f to finish"

    def not_saved(self, qid: str) -> None:
        """The database refused the answer to `qid`: say so where the answer is shown."""
        self.unsaved.add(qid)
        if len(self.interview) and self.step.question.id == qid:
            self._draw()

    def _go(self, index: int) -> None:
        if not len(self.interview):
            return
        index = max(0, min(len(self.interview) - 1, index))
        moved_domain = self.interview.steps[index].domain != self.step.domain
        self.index = index
        self._draw()
        self.query_one(QuestionView).focus_input()
        self._save_position()
        if moved_domain:
            self.query_one(QuestionView).scroll_home(animate=False)

    def _save_position(self) -> None:
        store, draft_id, qid = self.workspace.store, self.draft_id, self.step.question.id
        self.workspace.writer.submit(lambda: store.set_position(draft_id, qid))

    # -- answering ------------------------------------------------------------------------------

    def _answer(self, answer: Answer | None, *, advance: bool) -> None:
        """Keep the answer, queue it for the database, and move on when asked."""
        qid = self.step.question.id
        open_before = self.interview.unanswered_count(self.answers)
        store, draft_id = self.workspace.store, self.draft_id
        self.unsaved.discard(qid)
        if self.respondent is not None:
            answer = self._answer_as_respondent(answer)
            name, question = self.respondent.name, self.step.question
            self.workspace.writer.submit(
                lambda: store.save_answer(draft_id, qid, answer, respondent=name, question=question), about=qid)
            answer = self.answers.get(qid)
        else:
            if answer is None:
                self.answers.pop(qid, None)
            else:
                # given without a name: no longer the answer of whoever gave it before
                answer = answer.model_copy(update={"by": None, "at": None})
                self.answers[qid] = answer
            self.workspace.writer.submit(lambda: store.save_answer(draft_id, qid, answer), about=qid)
        if advance and open_before and not self.interview.unanswered_count(self.answers):
            # that was the last open question: offer to finish rather than walk on
            self._draw()
            self.action_finish()
        elif advance:
            self._advance()
        else:
            self._draw()

    def _answer_as_respondent(self, answer: Answer | None) -> Answer | None:
        """Keep `answer` as the current respondent's own; what is shown for the question is
        theirs, or with none (cleared) the answer the others' merge to."""
        from ...assessment.respondents import merge_one

        me, qid = self.respondent, self.step.question.id
        assert me is not None
        own = answer.model_copy(update={"by": None, "at": None}) if answer is not None else None
        if own is None:
            me.answers.pop(qid, None)
            others = [(r, r.answers[qid]) for r in self.respondents if r is not me and qid in r.answers]
            merged = merge_one(self.step.question, others)
            if merged is None:
                self.answers.pop(qid, None)
            else:
                self.answers[qid] = merged[0]
        else:
            me.answers[qid] = own
            self.answers[qid] = own.model_copy(update={"by": me.name})
        return own

    def action_respondent(self) -> None:
        """Ask who is answering; their answers replace the others' on screen."""
        if not len(self.interview):
            return
        from .respondent import RespondentScreen

        def chosen(respondent: Respondent | None) -> None:
            if respondent is None:
                return
            same = next((r for r in self.respondents if r.name.casefold() == respondent.name.casefold()), None)
            if same is None:
                store, draft_id, first = self.workspace.store, self.draft_id, not self.respondents
                self.workspace.writer.submit(lambda: store.add_respondent(draft_id, respondent))
                same = respondent.model_copy(update={"answers": {}})
                if first:  # the store gives them the answers given so far without a name
                    same.answers = {q: a.model_copy(update={"by": None}) for q, a in self.answers.items() if a.by is None}
                    self.answers = {q: (a if a.by else a.model_copy(update={"by": same.name})) for q, a in self.answers.items()}
                self.respondents.append(same)
            self.respondent = same
            for qid, own in same.answers.items():
                self.answers[qid] = own.model_copy(update={"by": same.name})
            self._draw()
            self.query_one(QuestionView).focus_input()

        self.app.push_screen(RespondentScreen(self.respondents, self.respondent), chosen)

    def _advance(self) -> None:
        following = self.interview.step_from(self.index, 1, self.answers)  # moot follow-ups stepped over
        if following is not None:
            self._go(following)
            return
        # the last question: on to what is still open, or offer to finish
        left = self.interview.first_unanswered(self.answers)
        if left is not None:
            left_count = count(self.interview.unanswered_count(self.answers), "question is", "questions are")
            self.notify(f"{left_count} still unanswered; here is the first. Press f to finish anyway.", markup=False)
            self._go(left)
        else:
            self._draw()
            self.action_finish()

    def _previous_answer(self) -> Answer | None:
        return self.answers.get(self.step.question.id)

    def _problem(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def action_choose(self, number: int) -> None:
        if not len(self.interview):
            return
        question = self.step.question
        if question.type in ("number", "text"):
            return
        try:
            answer = iv.choose(question, number, self._previous_answer())
        except UsageError as exc:
            self._problem(str(exc))
            return
        self._answer(answer, advance=question.type != "multi")

    def on_question_view_chosen(self, message: QuestionView.Chosen) -> None:
        self.action_choose(message.number)

    def on_question_view_kept(self, message: QuestionView.Kept) -> None:
        self._advance()  # the answer stays exactly as it is

    def on_question_view_typed(self, message: QuestionView.Typed) -> None:
        if message.unchanged:
            # enter on what is already there: keep the answer exactly (a number, a text, don't
            # know or not applicable with its reason, and its note), or leave it unanswered
            self._advance()
            return
        try:
            answer = iv.typed(self.step.question, message.value, self._previous_answer())
        except UsageError as exc:
            self._problem(str(exc))
            return
        if answer is None:
            self._advance()  # nothing typed: move on and leave it unanswered
            return
        self._answer(answer, advance=True)

    def action_none(self) -> None:
        if not len(self.interview):
            return
        try:
            answer = iv.none_of_these(self.step.question, self._previous_answer())
        except UsageError as exc:
            self._problem(str(exc))
            return
        self._answer(answer, advance=True)

    def action_dont_know(self) -> None:
        if len(self.interview):
            self._answer(iv.dont_know(self._previous_answer()), advance=True)

    def action_clear(self) -> None:
        if len(self.interview):
            self._answer(None, advance=False)

    def action_not_applicable(self) -> None:
        if not len(self.interview):
            return
        from .reason import ReasonScreen

        index = self.index
        previous = self._previous_answer()

        def given(reason: str | None) -> None:
            if reason and index == self.index:
                self._answer(iv.not_applicable(reason, previous), advance=True)

        self.app.push_screen(ReasonScreen(self.step.question.text, previous.not_applicable if previous else None), given)

    def action_note(self) -> None:
        if not len(self.interview):
            return
        from .note import NoteScreen

        answer = self._previous_answer()
        if answer is None:
            self._problem("Answer the question first (a digit, d or n), then press e to add a note or evidence.")
            return
        index = self.index

        def saved(result: tuple[str, list[str], str | None] | None) -> None:
            if result is None or index != self.index:
                return
            note, evidence, confidence = result
            self._answer(iv.annotate(answer, note, evidence, confidence), advance=False)  # type: ignore[arg-type]

        self.app.push_screen(NoteScreen(self.step.question.text, answer), saved)

    # -- moving -----------------------------------------------------------------------------------

    def action_previous(self) -> None:
        before = self.interview.step_from(self.index, -1, self.answers) if len(self.interview) else None
        if before is not None:
            self._go(before)

    def action_next(self) -> None:
        following = self.interview.step_from(self.index, 1, self.answers) if len(self.interview) else None
        if following is not None:
            self._go(following)
        elif len(self.interview):
            self.notify("This is the last question. Press f to finish.", markup=False)

    def action_domain(self, direction: int) -> None:
        if not len(self.interview):
            return
        target = self.interview.next_domain_start(self.index, direction)
        if target is None:
            self.notify("No more domains that way.", markup=False)
            return
        self._go(target)

    def on_domain_list_jump(self, message: DomainList.Jump) -> None:
        start = self.interview.first_of(message.domain)
        if start is None:
            skipped = len(self.interview.skipped.get(message.domain, {}))
            self.notify(f"No question of this domain applies to the business ({skipped} capabilities ruled out by the profile).", markup=False)
            return
        end = self.interview.domain_range(message.domain)[1]
        open_here = next((s.index for s in self.interview.steps[start:end] if self.interview.is_open(s, self.answers)), start)
        self._go(open_here)

    def action_unanswered(self) -> None:
        if not len(self.interview):
            return
        left = self.interview.first_unanswered(self.answers, self.index + 1)
        if left is None:
            self.notify("Every question is answered. Press f to finish.", markup=False)
        else:
            self._go(left)

    def action_toggle_help(self) -> None:
        if not len(self.interview):
            return
        from .help import QuestionHelpScreen

        step = self.step
        number, of = self.interview.position(step, self.answers)
        where = f"{self.workspace.domain_name(step.domain)} · {number} of {of}"
        self.app.push_screen(QuestionHelpScreen(where, question_help(step)))

    def action_leave_text(self) -> None:
        self.query_one("#question-view").focus()

    def action_leave(self) -> None:
        self.app.go_home()  # type: ignore[attr-defined]

    def action_profile(self) -> None:
        def changed(profile: Profile) -> None:
            current = self.step.question.id if len(self.interview) else None
            self.profile = profile
            self.interview = iv.Interview(self.workspace.catalog, profile)
            found = self.interview.index_of(current)
            self.index = found if found is not None else self.interview.resume_at(self.answers, None)
            if len(self.interview):
                self.query_one("#body").display = True
                self.query_one("#empty").display = False
                self._draw()

        self.app.edit_profile(self.org, self.draft_id, self.profile, changed)  # type: ignore[attr-defined]

    # -- finishing -----------------------------------------------------------------------------

    def action_finish(self) -> None:
        if self.finishing:
            return
        from .confirm import ConfirmScreen

        left = self.interview.unanswered_count(self.answers)
        if left:
            message = (
                f"{count(left, 'question')} of {self.interview.asked_count(self.answers)} {'is' if left == 1 else 'are'} unanswered. "
                "Unanswered questions count as not in place, which lowers the stages. Finish anyway?"
            )
        else:
            message = "Every question is answered. Finish the assessment and see the results? It cannot be changed afterwards; a later assessment starts from it."

        if self.orphans:
            message += " " + self._orphans_note()

        def decided(yes: bool | None) -> None:
            if yes:
                self.finishing = True
                self._complete()

        self.app.push_screen(ConfirmScreen("Finish the assessment?", message, yes="Finish", no="Keep answering"), decided)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _complete(self) -> None:
        from ...assessment.scoring import score

        ws = self.workspace
        try:
            ws.writer.flush()
            stored = ws.store.get_assessment(self.draft_id)
            answer_file = AnswerFile(profile=stored.answer_file.profile, questionnaires=self.versions, answers=stored.answer_file.answers)
            result = score(ws.catalog, answer_file)
            ws.store.complete(self.draft_id, result, ws.catalog.for_profile(answer_file.profile).versions(), iv.plugin_versions(ws.catalog))
        except Exception as exc:
            self.finishing = False
            self.app.call_from_thread(self.app.show_problem, exc)  # type: ignore[attr-defined]
            return
        self.app.call_from_thread(self.post_message, self.Completed(self.org))

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Finish the assessment", "Score it and see the results", self.action_finish)
        yield SystemCommand("Business profile", "Change goals, budget, channels, data", self.action_profile)
        yield SystemCommand("Next unanswered question", "Jump to the next open question", self.action_unanswered)
        yield SystemCommand("Who is answering", "Answer under your own name", self.action_respondent)
        for progress in self.interview.progress(self.answers):
            yield SystemCommand(f"Go to {printable(progress.name)}", f"{progress.answered} of {progress.total} answered",
                                lambda d=progress.domain: self.on_domain_list_jump(DomainList.Jump(d)))
