"""The HTTP boundary of the expert database, one module per part (profiles, search)."""
