"""The facts from knowledge/: typed records, validation and lookups."""

from actions.content.knowledge.loader import KINDS, load_knowledge, validate_knowledge
from actions.content.knowledge.lookup import DistrictMatch, normalize_name
from actions.content.knowledge.store import Knowledge

__all__ = ["KINDS", "DistrictMatch", "Knowledge", "load_knowledge", "normalize_name", "validate_knowledge"]
