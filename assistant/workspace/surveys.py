"""Use cases about surveys: who owes which, the form to answer one, answering, importing answers.

A leader or mentor answers only as their own side of their own pairs; the lists of who owes
what and the imports are for coordinators. Each check runs here, so the app and the commands
refuse the same people with the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.workspace.errors import (
    InvalidInput,
    NotPermitted,
    Unavailable,
    WorkspaceError,
    translated,
)
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.models import Side
    from assistant.store.surveys import SurveyRecorded
    from assistant.surveys.catalogue import Item, Questionnaire, Scale, SurveyCatalogue
    from assistant.surveys.due import OwedSurvey
    from assistant.surveys.responses import SurveyResponse


@dataclass(frozen=True)
class SurveyForm:
    """One survey as one side of a pair answers it: the questionnaire and the items it asks."""

    pair_id: str
    side: Side
    kind: str
    person: str
    """The name of who answers."""
    questionnaire: Questionnaire
    items: list[tuple[Scale, Item]]


class SurveyUseCases(Parts):
    async def survey_catalogue(self) -> SurveyCatalogue:
        """The bundled questionnaires, read once per process, in a thread (YAML files)."""
        from assistant.surveys.catalogue import SurveyCatalogueError, bundled_surveys

        try:
            return await self.off_loop(bundled_surveys)
        except SurveyCatalogueError as error:
            raise Unavailable(str(error), "reinstall rmcoach") from error

    async def surveys_owed(self, cohort: str | None = None) -> list[OwedSurvey]:
        """Every survey owed today, by person, pair and kind: for coordinators."""
        await self.off_loop(lambda: self.require("survey due"))
        return await self._owed(cohort)

    async def surveys_owed_by(self, pair_id: str, side: Side) -> list[OwedSurvey]:
        """The surveys this side of the pair owes today, first due first."""
        await self.may_answer_survey(pair_id, side)
        await self.off_loop(lambda: self.store.pair(pair_id))  # a clear error for an unknown pair
        return [o for o in await self._owed() if o.pair_id == pair_id and o.side == side]

    async def survey_form(self, pair_id: str, side: Side, kind: str) -> SurveyForm:
        """The `kind` survey as this side of the pair answers it."""
        from assistant.surveys.catalogue import SURVEY_KINDS

        await self.may_answer_survey(pair_id, side)
        catalogue = await self.survey_catalogue()
        if kind not in SURVEY_KINDS:
            raise InvalidInput(f"there is no survey {kind!r}", f"kinds: {', '.join(SURVEY_KINDS)}")
        context = await self.off_loop(lambda: self.store.pair_context(pair_id))
        person = context.leader if side == "leader" else context.mentor
        return SurveyForm(
            pair_id,
            side,
            kind,
            person.name,
            catalogue.survey(kind),
            catalogue.items_for(kind, side),
        )

    def survey_fields(self, text: str, source: str) -> dict[str, Any]:
        """Answers given as a JSON object (a file, standard input), before they are checked."""
        from assistant.store.json_input import load_json

        with translated():
            data = load_json(text, source)
        if not isinstance(data, dict):
            raise WorkspaceError(f"{source}: expected a JSON object with an 'answers' field")
        return data

    def survey_response(self, fields: Mapping[str, Any], source: str) -> SurveyResponse:
        """`fields` as a response, answered today unless they say when; errors name each field."""
        from pydantic import ValidationError

        from assistant.store.errors import plain_errors
        from assistant.surveys.responses import SurveyResponse

        try:
            return SurveyResponse.model_validate({"answered_on": self.today(), **fields})
        except ValidationError as error:
            problems = "\n".join(f"  {problem}" for problem in plain_errors(error))
            raise WorkspaceError(f"{source}: nothing was recorded:\n{problems}") from error

    async def answer_survey(self, response: SurveyResponse) -> SurveyRecorded:
        """Record one side's answers; a survey is answered once, so other answers are refused."""
        from assistant.surveys.service import record_surveys

        await self.may_answer_survey(response.pair_id, response.side)
        [recorded] = await self.off_loop(lambda: record_surveys(self.store, [response]))
        return recorded

    async def import_survey_answers(self, path: Path) -> list[SurveyRecorded]:
        """Answers collected elsewhere (CSV): every row checked, then all recorded or none."""
        from assistant.surveys.imports import import_surveys

        await self.off_loop(lambda: self.require("survey import"))
        return await self.off_loop(lambda: import_surveys(self.store, path))

    async def remembered_seat(self) -> tuple[str | None, Side | None]:
        """The pair and side last chosen in the app, for a survey answered without naming them."""
        from assistant.workspace.preferences import load_preferences

        remembered = await self.off_loop(lambda: load_preferences(self.settings.home))
        if remembered.role in ("leader", "mentor"):
            return remembered.pair_id, remembered.role
        return None, None

    async def may_answer_survey(self, pair_id: str | None = None, side: Side | None = None) -> None:
        """Refuse (`NotPermitted`) unless a leader or mentor is signed in and, given a pair and
        a side, answers as their own side of one of their own pairs."""
        identity = await self.off_loop(lambda: self.require("survey take"))
        if pair_id is None or side is None:
            return
        if identity.side is not None and side != identity.side:
            raise NotPermitted(
                f"you are signed in as {identity.describe()}, and answer surveys as the "
                f"{identity.side} only"
            )
        if identity.side is not None and pair_id not in identity.pairs:
            raise NotPermitted(
                f"pair {pair_id} is not yours; you are signed in as {identity.describe()}"
            )

    async def _owed(self, cohort: str | None = None) -> list[OwedSurvey]:
        from assistant.surveys.service import owed_surveys

        today = self.today()
        return await self.off_loop(lambda: owed_surveys(self.store, today, cohort))
