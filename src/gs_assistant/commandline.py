"""What every command shares: exit statuses, the usage error and file arguments.

``cli.py`` builds the parser; the commands that live beside their feature
(``export/command.py``, ``audit/command.py``, ``serve/command.py``) import this module,
never ``cli.py``, so the features stay below the command line (see the import contracts
in ``pyproject.toml``).
"""

from __future__ import annotations

import gc
from pathlib import Path

from gs_assistant.text import Text, TextError, message_of

EXIT_OK, EXIT_NOT_MET, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
SAMPLE_PREFIX = "sample:"


class UsageError(TextError):
    """A mistake in the command line or its files: printed as one line, exit 2.

    The message is a ``Text`` (both languages) or a plain string already in one language.
    """

    @classmethod
    def wrapping(cls, exc: BaseException) -> UsageError:
        """The usage error for a file that could not be used, in both languages when
        ``exc`` has both."""
        return cls(Text(message_of(exc, "ja"), message_of(exc, "en")))


# ---------------------------------------------------------------- garbage collection
#
# A command that runs and exits makes most of its objects while it starts (modules, classes,
# the rule pack) and keeps them to the end. With Python's default thresholds the collector
# runs a few hundred times during that start, and each full collection walks every object
# made so far: 10-20% of a check's or an export's CPU. So while a command sets up, the
# collector waits for 100,000 new objects instead of 700 (cycles are still collected, a
# bounded amount of garbage later), and once the command is set up, ``settled`` moves what
# exists to the collector's permanent generation (``gc.freeze``: never scanned again, and
# kept to the end as it would be anyway) and restores the usual thresholds for the work.
# The interactive commands (wizard, review, serve) keep Python's defaults, and so does a
# program that calls ``cli.main(argv)`` within its own process (tests): freezing its objects
# would keep its garbage of the moment to the end.

SETTING_UP_THRESHOLDS = (100_000, 1_000, 1_000)
_usual_thresholds: tuple[int, int, int] | None = None


def setting_up() -> None:
    """A non-interactive command starts: collect garbage rarely until ``settled``."""
    global _usual_thresholds
    if _usual_thresholds is None:
        _usual_thresholds = gc.get_threshold()
    gc.set_threshold(*SETTING_UP_THRESHOLDS)


def settled(*, freeze: bool = True) -> None:
    """The command is set up (imported, its pack read): freeze what exists (unless
    ``freeze`` is false: an interactive command) and collect garbage as usual from here on.
    Nothing happens unless ``setting_up`` was called."""
    global _usual_thresholds
    if _usual_thresholds is not None:
        if freeze:
            gc.freeze()
        gc.set_threshold(*_usual_thresholds)
        _usual_thresholds = None


def resolve_path(arg: str) -> Path:
    """A file path, or ``sample:NAME`` for a bundled sample."""
    if arg.startswith(SAMPLE_PREFIX):
        from gs_assistant.paths import samples_dir

        name = arg[len(SAMPLE_PREFIX):]
        path = samples_dir() / f"{name}.yaml"
        if not path.is_file():
            raise UsageError(Text(
                f"{arg}: そのサンプルはありません（一覧: gs-assistant sample --list）",
                f"{arg}: no such sample (see gs-assistant sample --list)"))
        return path
    return Path(arg)


def add_call_option(parser) -> None:
    """``--call FILE``: the call's real dates (see ``rules/call.py``)."""
    parser.add_argument("--call", metavar="FILE", default=None,
                        help="公募日程の call.yaml / the call's dates (call.yaml)")


def package_setup_or_exit(pack, call: str | None):
    """The pack's package and timeline for a command; a malformed call file is a usage
    error (exit 2), never replaced by the pack's dates."""
    from gs_assistant.rules.call import CallFileError
    from gs_assistant.rules.pack import RulePackError
    from gs_assistant.rules.package_check import package_setup

    try:
        return package_setup(pack, call)
    except (CallFileError, RulePackError) as exc:
        raise UsageError.wrapping(exc) from None
