"""Create the skeleton of a missing day page: python scripts/new_day.py 42 [--title "..."].

Day pages are hand-written sources: this script refuses to touch a file that
exists, so nothing a contributor wrote is ever overwritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plan  # noqa: E402

SKELETON = """\
---
day: {day}
title: {title}
phase: {phase}
block: {block}
kind: study
hours: 2
tags: [TODO]
prerequisites: []
standard: outline
---

# Day {day}{sep}{title}

{why} TODO: one or two sentences on where today's idea shows up in real work.

## Objectives

- {done} TODO
- {done} TODO

## Tasks

- [ ] **60 min** · TODO
- [ ] **60 min** · TODO

## Resources

- TODO: chapter and section of a free resource {{footcite}}`islp`
- TODO: chapter and section of a second resource {{footcite}}`mml`

:::{{footbibliography}}
:::

## Check yourself

1. TODO question?

   :::{{dropdown}} Solution
   TODO worked answer.
   :::

2. TODO question?

   :::{{dropdown}} Solution
   TODO worked answer.
   :::

3. TODO question?

   :::{{dropdown}} Solution
   TODO worked answer.
   :::

## Links

- **Builds on:** TODO (earlier days, as [](day-NNN.md))
- **Used later:** TODO (later days)
"""


def skeleton(day: int, title: str) -> str:
    return SKELETON.format(day=day, title=title, phase=plan.phase_of(day).number, block=plan.block_of(day).id,
                           sep=plan.TITLE_SEPARATOR, why=plan.WHY_PREFIX, done=plan.OBJECTIVE_PREFIX)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("day", type=int)
    parser.add_argument("--title", default="Topic of the day")
    args = parser.parse_args(argv)
    if not 1 <= args.day <= plan.LAST_DAY:
        print(f"error: day {args.day} is outside 1-{plan.LAST_DAY}", file=sys.stderr)
        return 2
    path = plan.day_file(args.day)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": fail if it exists
            handle.write(skeleton(args.day, args.title))
    except FileExistsError:
        print(f"error: {path.relative_to(plan.ROOT)} exists; edit it by hand (this script never overwrites a page)",
              file=sys.stderr)
        return 1
    print(f"created {path.relative_to(plan.ROOT)}; replace every TODO and run: make validate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
