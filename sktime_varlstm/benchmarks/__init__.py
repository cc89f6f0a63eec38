"""Experiments: benchmarks, their data preparation and peers, apart from the library."""
