"""What the command line, the app, the demo and the mailer call: surveys against one store.

`owed_surveys` is the list of who owes which survey on a day (see `due.py` for the rules).
"""

from collections.abc import Sequence
from datetime import date

from assistant.store import Store
from assistant.store.surveys import SurveyRecorded, record_responses, responses
from assistant.surveys.catalogue import bundled_surveys
from assistant.surveys.due import OwedSurvey, surveys_owed
from assistant.surveys.responses import SurveyResponse


def owed_surveys(store: Store, today: date, cohort: str | None = None) -> list[OwedSurvey]:
    """Every survey owed on `today`, each with the person (id, name, side), pair and kind."""
    with store.engine.connect() as conn:
        return surveys_owed(conn, today, cohort)


def record_surveys(store: Store, answered: Sequence[SurveyResponse]) -> list[SurveyRecorded]:
    """Record every response in one transaction, or none when any is refused."""
    with store.engine.begin() as conn:
        return record_responses(conn, answered, bundled_surveys())


def survey_responses(store: Store, pair_id: str | None = None) -> list[SurveyResponse]:
    with store.engine.connect() as conn:
        return responses(conn, pair_id)
