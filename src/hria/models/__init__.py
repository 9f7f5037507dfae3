"""Pydantic models: the question bank, assessment files and findings."""
