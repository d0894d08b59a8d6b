"""What the app does once, off the UI thread, before the screens have data: open, seed, index."""

from datetime import date

from assistant.config import Settings
from assistant.tui.services import Services


def open_services(settings: Settings, today: date | None) -> tuple[Services, int]:
    """Open the store, the guidance and the coach; seed the demo when a local store is empty.

    Returns the services and how many demo pairs were seeded (0 when the store had data). A
    shared store is never seeded: made-up people must not mix with real ones, and a login may
    see an empty programme only because it has been granted nothing yet.
    """
    services = Services.open(settings, today)
    if services.store.is_shared or not services.store.is_empty():
        return services, 0
    from assistant.demo import generate, write_programme

    programme = generate(today=services.today)
    write_programme(services.store, programme)
    return services, len(programme.pairs)


def prepare_guidance(services: Services) -> bool:
    """Index the guidance if it is not yet; True when it had to."""
    return services.knowledge.ensure_ingested()
