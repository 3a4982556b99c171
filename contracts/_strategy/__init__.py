"""Hypothesis strategies from strategy nodes: valid draws, mutations, rules (private)."""
