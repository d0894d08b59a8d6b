"""The workspace's identity and debrief use cases on a shared programme, called directly as each
database login: access granted, listed and revoked by an admin only; a participant records and
reads only their own side (see conftest for the programme and its logins)."""

from datetime import date

import pytest

from assistant.config import load_settings
from assistant.models import SessionSummary
from assistant.workspace.clock import Clock
from assistant.workspace.errors import InvalidInput, NotPermitted
from assistant.workspace.workspace import Workspace

from .shared import NOTES, Shared


def acting_as(shared: Shared, who: str) -> Workspace:
    """A workspace connected as `who` (a short name, or "owner")."""
    shared.monkeypatch.setenv(
        "RMCOACH_DATABASE_URL", shared.owner_url if who == "owner" else shared.url(who)
    )
    return Workspace(load_settings(), Clock(date(2025, 7, 1)))


async def test_an_admin_grants_lists_and_revokes_access(granted: Shared) -> None:
    admin, nobody = acting_as(granted, "admin"), granted.logins["nobody"]
    await admin.grant_access(nobody, "participant", "M2")
    listed = {row.login: row for row in await admin.granted_logins()}
    assert (listed[nobody].role, listed[nobody].participant_id) == ("participant", "M2")
    assert listed[nobody].participant_name == "Milo Mentor2"
    assert listed[granted.logins["coord"]].role == "coordinator"
    identity = await acting_as(granted, "nobody").signed_in()
    assert (identity.participant_id, identity.pairs) == ("M2", ["P2"])
    admin = acting_as(granted, "admin")
    assert await admin.revoke_access(nobody) is True
    assert await admin.revoke_access(nobody) is False
    assert nobody not in {row.login for row in await admin.granted_logins()}


async def test_only_an_admin_manages_access(granted: Shared) -> None:
    leader = acting_as(granted, "lea1")
    for use_case in (
        leader.granted_logins(),
        leader.grant_access(granted.logins["nobody"], "admin"),
        leader.revoke_access(granted.logins["men1"]),
    ):
        with pytest.raises(NotPermitted) as refused:
            await use_case
        assert "is for admins" in refused.value.message and "L1, leader" in refused.value.message
    assert (await acting_as(granted, "men1").signed_in()).role == "mentor", "nothing revoked"


async def test_access_set_up_again_names_the_owner_as_admin(granted: Shared) -> None:
    owner = acting_as(granted, "owner")
    login = await owner.init_access()
    me = await owner.signed_in()
    assert (me.login, me.role) == (login, "admin")


async def test_on_a_shared_store_nobody_chooses_another_person(granted: Shared) -> None:
    with pytest.raises(InvalidInput, match="database login you connected as"):
        await acting_as(granted, "lea1").choose_person("M1")


async def test_a_participant_reads_their_own_private_notes_only(granted: Shared) -> None:
    notes = await acting_as(granted, "men1").own_private_notes()
    assert [(n.pair_id, n.text) for n in notes] == [("P1", NOTES[("P1", "mentor")])]
    with pytest.raises(InvalidInput, match="P2 is not one of your pairs"):
        await acting_as(granted, "men1").own_private_notes("P2")
    with pytest.raises(NotPermitted, match="is for leaders and mentors"):
        await acting_as(granted, "coord").own_private_notes()


async def test_a_debrief_is_recorded_as_the_signed_in_side_of_their_own_pair(
    granted: Shared,
) -> None:
    mentor = acting_as(granted, "men1")
    forged = SessionSummary(
        pair_id="P1", held_on=date(2025, 6, 20), leader_private_note="a guess at theirs"
    )
    with pytest.raises(NotPermitted) as refused:
        await mentor.record_debrief(forged)
    assert "leader_private_note" in refused.value.message
    assert "a guess" not in refused.value.message
    own = SessionSummary(pair_id="P1", held_on=date(2025, 6, 20), mentor_learned="Board papers")
    assert (await mentor.record_debrief(own)).outcome == "created"
    with pytest.raises(NotPermitted, match="pair P1 is not yours"):
        await acting_as(granted, "lea2").open_debrief("P1")
    opened = await acting_as(granted, "lea1").open_debrief("P1")
    assert opened.sides == ("leader",) and date(2025, 6, 20) in opened.days_recorded
