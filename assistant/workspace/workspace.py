"""The Workspace: the use cases the app and the commands share, built once per process."""

from assistant.config import Settings, load_settings
from assistant.workspace.clock import Clock
from assistant.workspace.coaching import CoachingUseCases
from assistant.workspace.debriefs import DebriefUseCases
from assistant.workspace.drafting import DraftUseCases
from assistant.workspace.guidance import GuidanceUseCases
from assistant.workspace.identity import IdentityUseCases
from assistant.workspace.objectives import ObjectiveUseCases
from assistant.workspace.opening import OpeningUseCases
from assistant.workspace.pairs import PairUseCases
from assistant.workspace.programme import ProgrammeUseCases
from assistant.workspace.reach import ReachUseCases
from assistant.workspace.recorded import RecordedUseCases
from assistant.workspace.rehearsals import RehearsalUseCases
from assistant.workspace.reports import ReportUseCases
from assistant.workspace.surveys import SurveyUseCases


class Workspace(
    GuidanceUseCases,
    OpeningUseCases,
    PairUseCases,
    ProgrammeUseCases,
    ObjectiveUseCases,
    CoachingUseCases,
    RehearsalUseCases,
    DebriefUseCases,
    RecordedUseCases,
    DraftUseCases,
    IdentityUseCases,
    ReportUseCases,
    ReachUseCases,
    SurveyUseCases,
):
    """One use case per method, grouped by subject in the modules beside this one.

    Built from the settings and a clock (the single owner of "today"); who is signed in joins
    them with issue 10. Blocking work runs in threads, so the app can await any method.
    """

    @classmethod
    def open(cls, settings: Settings | None = None, clock: Clock | None = None) -> "Workspace":
        return cls(settings or load_settings(), clock or Clock())
