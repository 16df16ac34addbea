"""Actors: who an article names, how it refers to them and how it describes them."""

from __future__ import annotations

from newsweave.stages.actors.resolve import ActorResult, actor_at, resolve_actors

__all__ = ["ActorResult", "actor_at", "resolve_actors"]
