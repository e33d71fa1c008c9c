"""The wizard as served to one browser connection (``python -m gs_assistant.serve.session``).

textual-serve starts this for each connection. It is the ordinary wizard with every file
a user names -- opened, created, exported, or a sample copied -- kept inside the served
folder (``folder.confine``), the page title set to the application file's name, and each
Word draft also sent to the browser as a download. Closing the browser tab saves what
was typed since the last autosave. Settings and recent files live in
``FOLDER/.gs-assistant/``, so the start screen lists only files of this folder. With
``--review`` each file opens on the consultant's review screen instead of the wizard.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import unicodedata
from pathlib import Path

HOME_NAME = ".gs-assistant"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DELIVERED = ("Word の下書きをブラウザに送りました（ダウンロード）: {name}",
             "the Word draft was sent to the browser (download): {name}")


def _app_class():
    """The served app class (Textual is imported here, not at module import)."""
    from gs_assistant.serve.folder import OutsideFolder, confine
    from gs_assistant.tui.app import WizardApp
    from gs_assistant.tui.i18n import lang, t

    class ServedApp(WizardApp):
        """The wizard, confined to one folder, delivering its Word drafts."""

        CSS_PATH = str(Path(sys.modules[WizardApp.__module__].__file__).parent
                       / WizardApp.CSS_PATH)  # relative paths resolve beside the subclass

        def __init__(self, folder: Path, reviewing: bool = False, **kwargs) -> None:
            super().__init__(**kwargs)
            self.folder = folder
            self.reviewing = reviewing  # serve --review: files open on the review screen

        def _wizard(self, step: str = "", field: str = ""):
            if not self.reviewing:
                return super()._wizard(step, field)
            from gs_assistant.tui.review import ReviewScreen

            self.review_mode = True
            return ReviewScreen()

        def allowed_path(self, path: Path) -> Path | None:
            return self._inside(path)

        def _inside(self, path: Path | str) -> Path | None:
            try:
                return confine(self.folder, path, lang())
            except OutsideFolder as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return None

        def open_document(self, path: Path) -> None:
            target = self._inside(path)
            if target is not None:
                super().open_document(target)

        def create_document(self, path: Path) -> None:
            target = self._inside(path)
            if target is not None:
                super().create_document(target)

        def _opened(self, doc, note) -> None:
            super()._opened(doc, note)
            self.show_title()

        def open_sample(self, name: str) -> None:
            """A copy of the sample in the folder itself (never outside it)."""
            from gs_assistant.model.files import ApplicationFileError, atomic_write_text
            from gs_assistant.paths import samples_dir
            from gs_assistant.session.document import Document

            def make():
                source = samples_dir() / f"{name}.yaml"
                if "/" in name or "\\" in name or not source.is_file():
                    raise ApplicationFileError(f"sample:{name}",
                                               "そのような名前のサンプルはありません")
                target = self.folder / source.name
                n = 2
                while target.exists() or target.is_symlink():
                    target = self.folder / f"{source.stem}-{n}.yaml"
                    n += 1
                atomic_write_text(target, source.read_text(encoding="utf-8"), backup=False)
                return Document.open(target, self.pack)

            self._use(make, lambda doc: t("start.sample_copied", path=doc.path.name))

        def _export(self, path: Path) -> None:  # a worker thread
            try:
                target = confine(self.folder, path, lang())
            except OutsideFolder as exc:
                self.call_from_thread(self.notify, str(exc), severity="error", timeout=10)
                return
            super()._export(target)

        def exported(self, path: Path) -> None:
            self.deliver_binary(path, mime_type=DOCX_MIME)
            ja, en = DELIVERED
            self.notify((en if lang() == "en" else ja).format(name=path.name))

        def show_title(self) -> None:
            """The browser tab's title: the application file's name (an OSC 2 sequence,
            which the page's terminal passes on to ``document.title``)."""
            if self.doc is None or self._driver is None:
                return
            name = "".join(c for c in self.doc.path.name
                           if unicodedata.category(c)[0] != "C")
            self._driver.write(f"\x1b]2;{name} - gs-assistant\x07")

    return ServedApp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gs_assistant.serve.session")
    parser.add_argument("--folder", required=True)
    parser.add_argument("--lang", choices=["ja", "en"], default="")
    parser.add_argument("--review", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(args.folder).resolve()
    os.chdir(folder)  # names typed in the start screen are relative to the folder
    os.environ["GS_ASSISTANT_HOME"] = str(folder / HOME_NAME)
    from gs_assistant.tui import config, end_process  # the package's import settings first

    settings = config.load_settings()
    app = _app_class()(folder, reviewing=args.review, lang=args.lang or settings.lang,
                       settings=settings)
    try:
        app.run()
    except KeyboardInterrupt:
        return end_process(130)
    finally:
        if app.doc is not None:
            save_on_close(app.doc)
            app.doc.end_session()
    return end_process(app.return_code or 0)


def save_on_close(doc) -> None:
    """Save what was typed since the last autosave: a browser tab that closes ends the
    session without the wizard's "save before quitting?" question."""
    if doc.needs_save:
        with contextlib.suppress(OSError):
            doc.save()


if __name__ == "__main__":
    sys.exit(main())
