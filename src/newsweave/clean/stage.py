"""The 'clean' stage: RawDocument -> Article (placeholder until the cleaning modules land)."""
