"""The interactive wizard (Textual). ``run`` is what ``gs-assistant`` calls.

The Kitty keyboard protocol is turned off before Textual is first imported: in several
terminals it drops text committed by a Japanese input method. Set
``TEXTUAL_DISABLE_KITTY_KEY=0`` to keep it.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

os.environ.setdefault("TEXTUAL_DISABLE_KITTY_KEY", "1")

from gs_assistant.commandline import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, SAMPLE_PREFIX


def run(command: str = "start", file: str | None = None, lang: str = "",
        author: str = "") -> int:
    """Start the wizard: ``start`` (start screen), ``open`` FILE or ``new`` FILE, or the
    consultant's review screen: ``review`` FILE (``author``: the reviewer's name for this
    session; empty means the saved setting, asked for once).

    ``lang`` is "ja" or "en"; empty means the saved setting (Japanese by default).
    Returns the exit status: 0, 2 when the file cannot be used, 130 when interrupted.
    """
    from gs_assistant.tui import config

    # No garbage collection while the modules, the rule pack and the file load: they are
    # kept for the whole session, and each full collection walked them all again (about
    # 75 ms of opening the large sample). WizardApp freezes them once the file is open.
    gc.disable()
    try:
        return _run(command, file, lang, author, config)
    finally:
        gc.enable()


def _run(command: str, file: str | None, lang: str, author: str, config) -> int:
    settings = config.load_settings()
    lang = lang or settings.lang
    doc = None
    if command in ("open", "new", "review"):
        doc = _document("new" if command == "new" else "open", file or "", lang)
        if doc is None:
            return EXIT_BAD_INPUT
    from gs_assistant.tui.app import WizardApp

    app = WizardApp(doc=doc, lang=lang, settings=settings, review=command == "review",
                    author=author)
    gc.enable()  # what is loaded by now is frozen (WizardApp); collect what comes after
    try:
        app.run()
    except KeyboardInterrupt:
        return end_process(EXIT_INTERRUPTED)
    finally:
        if app.doc is not None:
            app.doc.end_session()  # a clean exit: the next open is not a recovery
    return end_process(app.return_code or EXIT_OK)


def end_process(code: int, patience: float = 2.0) -> int:
    """Return ``code``, or end the process with it when Textual's terminal threads are
    still running after the app has exited.

    A terminal closed while the wizard is exiting (a window closed right after ctrl+q)
    makes Textual's restore of the screen fail before it stops its input thread; that
    thread then reads the dead terminal forever and Python waits for it at exit, a
    process left spinning with nothing to show. Everything is saved by now.
    """
    import threading

    stuck = [t for t in threading.enumerate()
             if t.name.startswith("textual-") and t.is_alive() and not t.daemon]
    for thread in stuck:
        thread.join(timeout=patience)
    if any(t.is_alive() for t in stuck):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    return code


def _document(command: str, file: str, lang: str = "ja"):
    """Open or create the document, or print a one-line message and return None."""
    from gs_assistant.model.files import ApplicationFileError
    from gs_assistant.rules import RulePackError, default_pack
    from gs_assistant.session.document import Document
    from gs_assistant.text import message_of
    from gs_assistant.tui import config

    try:
        pack = default_pack()
        if command == "new":
            doc = Document.create(Path(file), pack)
        elif file.startswith(SAMPLE_PREFIX):
            doc = Document.open(config.copy_sample(file[len(SAMPLE_PREFIX):]), pack)
        else:
            doc = Document.open(Path(file), pack)
    except (ApplicationFileError, RulePackError) as exc:
        print(f"gs-assistant: {message_of(exc, lang)}", file=sys.stderr)
        return None
    config.add_recent(doc.path)
    return doc
