"""`make validate`: check the files staff edit and print `path:line: message` per problem.

Checks knowledge/ (facts) and responses/ (reply templates: every key in every
locale, the same placeholders everywhere, well-formed buttons, Telegram's 4096
characters). Exit status 0 when everything is clean, 1 when there is any problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from actions.content.catalog import validate_catalog
from actions.content.knowledge import validate_knowledge
from actions.content.yamlsource import Problem, load_yaml

# Rasa's own intents that buttons may name without listing them in domain.yml.
_BUILT_IN_INTENTS = frozenset({"out_of_scope", "nlu_fallback"})


def run(knowledge_dir: Path, responses_dir: Path, domain_path: Path | None) -> list[Problem]:
    """Every problem in knowledge/, responses/ and (when it cannot be read) the domain, sorted."""
    intents, domain_problems = domain_intents(domain_path)
    return sorted([*validate_knowledge(knowledge_dir), *validate_catalog(responses_dir, intents), *domain_problems])


def domain_intents(domain_path: Path | None) -> tuple[frozenset[str] | None, list[Problem]]:
    """(intents of domain.yml, problems); intents None when there is no domain or it is broken,
    so a broken domain is reported once instead of as a traceback or as every button being wrong."""
    if domain_path is None or not domain_path.is_file():
        return None, []
    doc = load_yaml(domain_path)
    if doc.problems:
        return None, doc.problems
    entries = doc.data.get("intents", []) if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        return None, [doc.problem(("intents",), "intents must be a list")]
    names = {next(iter(e)) if isinstance(e, dict) and e else str(e) for e in entries}
    return frozenset(names | _BUILT_IN_INTENTS), []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.validate", description=__doc__)
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"), help="facts directory")
    parser.add_argument("--responses", type=Path, default=Path("responses"), help="reply templates directory")
    parser.add_argument("--domain", type=Path, default=Path("domain.yml"), help="Rasa domain (button intents)")
    args = parser.parse_args(argv)
    problems = run(args.knowledge, args.responses, args.domain)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"{args.knowledge}/ and {args.responses}/: all files are valid.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
