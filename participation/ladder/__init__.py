"""Arnstein's ladder: rungs, facts, the rubric and the city report."""
