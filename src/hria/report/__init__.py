"""Rendering documents (the blank questionnaire now; reports later) from Jinja templates."""
