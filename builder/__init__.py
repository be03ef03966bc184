"""handout-builder: one validated source, a talk deck and print-ready patient handouts."""

__version__ = "0.1.0"
