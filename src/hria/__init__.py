"""hria: human rights impact assessments of data-intensive technology."""

__version__ = "0.1.0"
