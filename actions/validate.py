"""`make validate`: check the files staff edit and print `path:line: message` per problem.

Checks knowledge/ (facts) and responses/ (reply templates: every key in every
locale, the same placeholders everywhere, well-formed buttons, Telegram's 4096
characters). Exit status 0 when everything is clean, 1 when there is any problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content import read_domain_intents
from .knowledge import validate_knowledge
from .responses import validate_catalog
from .yamlsource import Problem


def run(knowledge_dir: Path, responses_dir: Path, domain_path: Path | None) -> list[Problem]:
    return [*validate_knowledge(knowledge_dir), *validate_catalog(responses_dir, read_domain_intents(domain_path))]


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
