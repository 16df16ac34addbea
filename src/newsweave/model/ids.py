"""The ids of the data model: a raw document's content hash, the article id derived from it, and
the ids of event reports (``"<article id>:<index>"``)."""

from __future__ import annotations

import hashlib


def content_hash(content: bytes) -> str:
    """The identity of a raw document: the sha256 of its bytes, hex (the store's key)."""
    return hashlib.sha256(content).hexdigest()


def article_id_for(content: bytes) -> str:
    """The id of the article cleaned from ``content``: stable across runs, machines and stores."""
    return content_hash(content)[:16]


def event_report_id(article_id: str, index: int) -> str:
    """The id of an article's ``index``-th event report: ``"<article id>:<index>"``."""
    return f"{article_id}:{index}"


def report_article_id(report_id: str) -> str:
    """The id of the article an event report comes from (its id up to the last colon)."""
    return report_id.rpartition(":")[0]
