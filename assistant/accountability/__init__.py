"""Holding pairs to their rhythm and commitments: nudges grounded in the guidance."""
