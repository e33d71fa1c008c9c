"""The editing session, apart from any user interface.

``document``: one application being edited -- load, set a value or raw text at a field
path, add and remove rows, the checklist computed once per revision, and the one checked,
atomic write path (``save``). ``autosave``: when an edit is saved (a pause, the longest
wait under steady typing), as plain functions of the times given, tested without a clock.
The wizard keeps only its timers and screens.
"""
