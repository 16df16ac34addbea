"""newsweave: multi-source news intelligence.

The public API is what ``__all__`` names; everything else may change between releases.
"""

from __future__ import annotations

__version__ = "0.1.0"
