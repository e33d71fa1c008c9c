"""``gs-assistant serve``: the wizard in a web browser, through textual-serve.

``command`` registers the subcommand (cheap to import), ``folder`` confines every file
a browser user names to the served folder, ``server`` is the web server (token check,
page, downloads) and ``session`` is the wizard process started for each browser
connection. Only ``session`` imports Textual.
"""
