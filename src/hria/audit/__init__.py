"""The auditor's wing: comparing versions of an assessment (`hria diff`) and portfolios of
many (`hria summary`). It reads through hria.files and judges through hria.domain, as
`hria check` does, and renders text, Markdown, JSON, CSV and HTML; it never prints."""
