"""Where rmcoach keeps its data and looks for its configuration.

Each folder follows the XDG conventions and can be overridden by an environment variable, which
is also how the tests point every store at a temporary folder.
"""

import os
from pathlib import Path

import platformdirs

APP_NAME = "rmcoach"
_PACKAGE_DIR = Path(__file__).resolve().parent


def data_home() -> Path:
    """The folder every store lives under: `RMCOACH_HOME`, else the XDG data folder."""
    override = os.environ.get("RMCOACH_HOME")
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME))


def config_file() -> Path:
    """The optional TOML settings file: `RMCOACH_CONFIG`, else `config.toml` in XDG config."""
    override = os.environ.get("RMCOACH_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def _bundled(name: str) -> Path:
    # A source checkout keeps the folder beside the package; a wheel carries it inside.
    in_checkout = _PACKAGE_DIR.parent / name
    return in_checkout if in_checkout.is_dir() else _PACKAGE_DIR / "_bundled" / name


def bundled_knowledge() -> Path:
    """The guidance documents shipped with rmcoach."""
    return _bundled("knowledge")


def bundled_prompts() -> Path:
    """The prompt templates shipped with rmcoach."""
    return _bundled("prompts")
