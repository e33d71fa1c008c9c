"""What every command shares: exit statuses, the usage error and file arguments.

``cli.py`` builds the parser; the commands that live beside their feature
(``export/command.py``, ``audit/command.py``, ``serve/command.py``) import this module,
never ``cli.py``, so the features stay below the command line (see the import contracts
in ``pyproject.toml``).
"""

from __future__ import annotations

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
