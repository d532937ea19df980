"""`make validate`: check the files staff edit and print `path:line: message` per problem.

Exit status 0 when everything is clean, 1 when there is any problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .knowledge import validate_knowledge
from .yamlsource import Problem


def run(knowledge_dir: Path) -> list[Problem]:
    return validate_knowledge(knowledge_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.validate", description=__doc__)
    parser.add_argument(
        "--knowledge", type=Path, default=Path("knowledge"), help="knowledge directory (default: knowledge)"
    )
    args = parser.parse_args(argv)
    problems = run(args.knowledge)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print(f"{args.knowledge}: all files are valid.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
