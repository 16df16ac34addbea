"""The 'metadata' stage: outlet, byline and publication date with evidence (placeholder)."""
