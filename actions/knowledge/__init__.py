"""The facts from knowledge/: typed records, validation and lookups."""

from .loader import KINDS, load_knowledge, validate_knowledge
from .lookup import DistrictMatch, normalize_name
from .store import Knowledge

__all__ = ["KINDS", "DistrictMatch", "Knowledge", "load_knowledge", "normalize_name", "validate_knowledge"]
