"""Scorers, benchmarks and the committed result files under results/."""
