"""Command-palette entries (ctrl+p) for what fits the current screen and step: the
wizard's steps and actions, or the review screen's filters and review actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from gs_assistant.tui.bindings import key_for
from gs_assistant.tui.i18n import t
from gs_assistant.tui.navigation import STEPS

Command = tuple[str, Callable[[], object], str]


def review_commands(screen) -> list[Command]:
    """Comment / decide / withdraw / jump, then each status and topic filter by name."""
    from gs_assistant.rules.render import topic_label
    from gs_assistant.rules.report import Status
    from gs_assistant.tui.i18n import lang

    app = screen.app
    out: list[Command] = []
    for name in ("comment", "decide", "withdraw", "jump"):
        out.append((f"{t('key.' + name)} ({key_for('review.' + name)})",
                    partial(app.run_action, f"screen.{name}"), t(f"cmd.{name}_help")))
    statuses = [("", t("review.all"))] + [(s.value, s.label(lang())) for s in (
        Status.not_met, Status.missing, Status.needs_review, Status.met)]
    topics = [("", t("review.all"))] + [(k, topic_label(k, lang())) for k in screen.topics()]
    for kind, choices in (("status", statuses), ("topic", topics)):
        for value, name in choices:
            out.append((t(f"cmd.filter_{kind}_to", name=name),
                        partial(app.run_action, f"screen.set_filter('{kind}', '{value}')"),
                        t("cmd.filter_to_help")))
    return out


class WizardCommands(Provider):
    """Steps, save, help, language, the step's own actions (export, advisor), and on the
    review screen its filters and actions."""

    def commands(self) -> list[Command]:
        app = self.app
        screen = self.screen
        out: list[Command] = []

        def entry(binding_id: str, label: str, run: Callable[[], object], help_key: str) -> None:
            out.append((f"{t(label)} ({key_for(binding_id)})", run, t(help_key)))

        wizard = type(screen).__name__ == "WizardScreen"  # no import: keeps start-up light
        if wizard:
            for step in STEPS:
                if step == screen.step:
                    continue
                name = t("cmd.goto", name=t("step." + step))
                out.append((name, partial(app.run_action, f"screen.go('{step}')"),
                            t("cmd.goto_help")))
            entry("wizard.next", "key.next", partial(app.run_action, "screen.next"),
                  "cmd.next_help")
            entry("wizard.back", "key.back", partial(app.run_action, "screen.back"),
                  "cmd.back_help")
            entry("wizard.hint", "key.hint", partial(app.run_action, "screen.hint"),
                  "cmd.hint_help")
            entry("wizard.checklist", "key.checklist",
                  partial(app.run_action, "screen.focus_checklist"), "cmd.checklist_help")
            entry("wizard.scope", "key.scope", partial(app.run_action, "screen.toggle_scope"),
                  "cmd.scope_help")
            if screen.step == "review_export":
                entry("wizard.export", "key.export", partial(app.run_action, "screen.export"),
                      "cmd.export_help")
            if screen.step == "track_money_period":
                entry("wizard.apply_track", "key.apply_track",
                      partial(app.run_action, "screen.apply_track"), "cmd.apply_track_help")
            if getattr(app, "review_mode", False):
                entry("wizard.review", "key.to_review",
                      partial(app.run_action, "screen.back_to_review"), "cmd.to_review_help")
            entry("app.save", "key.save", partial(app.run_action, "save"), "cmd.save_help")
            out.append((t("cmd.save_as"), partial(app.run_action, "save_as"),
                        t("cmd.save_as_help")))
            out.append((t("cmd.versions"), partial(app.run_action, "restore_version"),
                        t("cmd.versions_help")))
            if getattr(app.doc, "conflict_with", None) is not None:
                out.append((t("cmd.compare"), partial(app.run_action, "compare_file"),
                            t("cmd.compare_help")))
                out.append((t("cmd.reload"), partial(app.run_action, "reload_file"),
                            t("cmd.reload_help")))
        if type(screen).__name__ == "ReviewScreen":
            out += review_commands(screen)
        entry("app.help", "key.help", partial(app.run_action, "help"), "cmd.help_help")
        entry("app.lang", "key.lang", partial(app.run_action, "toggle_lang"), "cmd.lang_help")
        entry("app.quit", "key.quit", partial(app.run_action, "quit_app"), "cmd.quit_help")
        return out

    async def discover(self) -> Hits:
        for name, run, help_text in self.commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
