"""Consultant tools: the batch audit and the review commands.

``command.py`` registers ``audit``, ``comment`` and ``decide``; ``batch.py`` runs an audit
(``collect.py`` finds the files, ``worker.py`` checks each one, ``report.py`` writes its
Markdown report, ``docx.py`` is the hook to the Word exporter, ``summary.py`` writes the
summaries, ``progress.py`` draws the bar); ``review_commands.py`` records comments and
decisions with ``gs_assistant.model.review``.
"""
