"""Command-line tools that only check or build: `make validate`, the NLU lookup tables."""
