"""The rules core: rule packs, facts and the checker. Never imports the UI."""

from gs_assistant.rules.checker import check
from gs_assistant.rules.pack import RulePack, RulePackError, load_pack
from gs_assistant.rules.pack_cache import default_pack
from gs_assistant.rules.report import Facts, Item, M, Report, Status

__all__ = [
    "Facts",
    "Item",
    "M",
    "Report",
    "RulePack",
    "RulePackError",
    "Status",
    "check",
    "default_pack",
    "load_pack",
]
