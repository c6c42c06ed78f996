"""Benchmarks of tinytorch_layers. Run ``python -m benchmarks.dense --help``."""
