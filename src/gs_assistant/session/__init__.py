"""The editing session, apart from any user interface: when an edit is saved.

The wizard keeps its timers; the decisions (how long to wait after a key, the longest an
edit may wait under steady typing) are here, as plain functions of the times they are
given, so that they are tested without a clock.
"""
