"""Tests of consultant review data and the batch audit."""
