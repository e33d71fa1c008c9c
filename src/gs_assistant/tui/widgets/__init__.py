"""Reusable widgets: bound field boxes (``fields``), the live checklist (``checklist``),
the step list (``progress``), row tables (``records``), the country picker
(``country``). Import the module you need: the start screen loads none of the heavy ones."""
