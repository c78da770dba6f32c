"""Check every day page, the table of contents and the reference registry.

    python scripts/validate.py              # the whole book
    python scripts/validate.py --only 15-42 # problems of these days only
    python scripts/validate.py --print-toc  # the _toc.yml the plan implies

Every problem names the file, the line where it can, and the fix. Exit code 1
when anything is wrong. Nothing is ever written.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plan  # noqa: E402
from plan import Problem  # noqa: E402


def check_front_matter(page: plan.DayPage, number_in_name: int, days_dir: Path) -> list[Problem]:
    meta, path = page.meta, page.path
    problems = []
    allowed = set(plan.REQUIRED_FIELDS) | set(plan.OPTIONAL_FIELDS) | set(plan.NOTEBOOK_FIELDS)
    for key in meta:
        if key not in allowed:
            problems.append(Problem(path, page.line_of(key), f"unknown front-matter field '{key}'",
                                    f"remove it or use one of: {', '.join(plan.REQUIRED_FIELDS + plan.OPTIONAL_FIELDS)}"))
    for key in plan.REQUIRED_FIELDS:
        if key not in meta:
            problems.append(Problem(path, 1, f"front-matter field '{key}' is missing",
                                    f"add '{key}: ...' to the front matter (see CONTRIBUTING.md)"))
    if problems:
        return problems

    day = page.day
    if day is None:
        return [Problem(path, page.line_of("day"), f"'day' must be a whole number, not {meta['day']!r}",
                        f"write 'day: {number_in_name}'")]
    if day != number_in_name:
        owner = days_dir / f"day-{day:03d}.md"
        duplicate = f" (day {day} is already {owner.name})" if owner.exists() else ""
        problems.append(Problem(path, page.line_of("day"),
                                f"front matter says day {day} but the file is {path.name}{duplicate}",
                                f"set 'day: {number_in_name}' (the file name is the day's permanent URL; never rename it)"))
        return problems
    if not 1 <= day <= plan.LAST_DAY:
        return [Problem(path, page.line_of("day"), f"day {day} is outside 1-{plan.LAST_DAY}", "use a day of the plan")]

    title = meta["title"]
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(path, page.line_of("title"), "'title' is empty", "write the day's topic"))
    phase = plan.phase_of(day)
    if meta["phase"] != phase.number:
        problems.append(Problem(path, page.line_of("phase"), f"day {day} belongs to phase {phase.number}, not {meta['phase']!r}",
                                f"set 'phase: {phase.number}'"))
    block = plan.block_of(day)
    if meta["block"] != block.id:
        known = "" if meta["block"] in plan.BLOCKS_BY_ID else " (no such block)"
        problems.append(Problem(path, page.line_of("block"),
                                f"day {day} belongs to block '{block.id}', not {meta['block']!r}{known}",
                                f"set 'block: {block.id}' (blocks are defined in scripts/plan.py)"))
    if meta["kind"] not in plan.KINDS:
        problems.append(Problem(path, page.line_of("kind"), f"unknown kind {meta['kind']!r}",
                                f"use one of: {', '.join(plan.KINDS)}"))
    hours = meta["hours"]
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not plan.MIN_HOURS <= hours <= plan.MAX_HOURS:
        problems.append(Problem(path, page.line_of("hours"), f"'hours' is {hours!r}",
                                f"use a number from {plan.MIN_HOURS} to {plan.MAX_HOURS} (about 2 on a weekday)"))
    tags = meta["tags"]
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and plan.TAG.match(t) for t in tags):
        problems.append(Problem(path, page.line_of("tags"), f"'tags' is {tags!r}",
                                "write a list of lower-case hyphenated words, e.g. [linear-regression, gradient-descent]"))
    prerequisites = meta["prerequisites"]
    if not isinstance(prerequisites, list) or not all(
            isinstance(p, int) and not isinstance(p, bool) and 1 <= p < day for p in prerequisites):
        problems.append(Problem(path, page.line_of("prerequisites"), f"'prerequisites' is {prerequisites!r}",
                                f"write a list of earlier day numbers (1-{day - 1}), or [] for none"))
    elif len(set(prerequisites)) != len(prerequisites):
        problems.append(Problem(path, page.line_of("prerequisites"), "'prerequisites' lists a day twice",
                                "list each day once"))
    standard = meta.get("standard", "full")
    if standard not in plan.STANDARDS:
        problems.append(Problem(path, page.line_of("standard"), f"'standard' is {standard!r}",
                                f"use one of: {', '.join(plan.STANDARDS)}, or leave it out for 'full'"))
    return problems


def check_body(page: plan.DayPage, registry: set[str]) -> list[Problem]:
    meta, path = page.meta, page.path
    day = page.day
    problems = []

    expected_h1 = f"Day {day}{plan.TITLE_SEPARATOR}{meta['title']}"
    if page.h1 is None:
        problems.append(Problem(path, page.body_start, "the page has no '# ' title", f"add the line '# {expected_h1}'"))
    elif page.h1[1] != expected_h1:
        problems.append(Problem(path, page.h1[0], f"the title is '{page.h1[1]}'",
                                f"make it exactly '# {expected_h1}' (front-matter title, middle dot U+00B7)"))
    else:
        after = [line for line in page.lines[page.h1[0]:] if line.strip()]
        if not after or not after[0].startswith(plan.WHY_PREFIX):
            problems.append(Problem(path, page.h1[0] + 1, "the first paragraph is not the why-it-matters line",
                                    f"start the paragraph after the title with '{plan.WHY_PREFIX}'"))

    hands_on = meta["kind"] in plan.HANDS_ON_KINDS
    outline = meta.get("standard") == "outline"
    titles = [s.title for s in page.sections]
    required = [t for t in plan.SECTIONS if t not in plan.OPTIONAL_SECTIONS or (t == "Code" and hands_on and not outline)]
    for title in required:
        if title not in titles:
            fix = f"add a '## {title}' section (order: {', '.join(plan.SECTIONS)})"
            if title == "Code":
                fix = ("add a '## Code' section with at least one executed {code-cell} (hands-on days carry code), "
                       "or mark the page 'standard: outline' until it has code")
            problems.append(Problem(path, None, f"section '## {title}' is missing", fix))
    known = [s for s in page.sections if s.title in plan.SECTIONS]
    order = sorted(known, key=lambda s: plan.SECTIONS.index(s.title))
    if known != order:
        first_wrong = next(s for s, o in zip(known, order) if s is not o)
        problems.append(Problem(path, first_wrong.line, f"section '## {first_wrong.title}' is out of order",
                                f"order the sections as: {', '.join(plan.SECTIONS)}"))
    for section in page.sections:
        if section.title not in plan.SECTIONS:
            index = titles.index(section.title)
            if plan.EXTRA_SECTIONS_AFTER in titles and index < titles.index(plan.EXTRA_SECTIONS_AFTER):
                problems.append(Problem(path, section.line, f"extra section '## {section.title}' stands before Resources",
                                        "move it between '## Resources' and '## Check yourself'"))
    if titles.count("Code") and not page.code_cells:
        problems.append(Problem(path, page.section("Code").line, "the Code section has no {code-cell}",
                                "add executed cells (```{code-cell} ipython3) or remove the section"))
    if page.code_cells and "kernelspec" not in meta:
        problems.append(Problem(path, 1, "the page has code cells but no kernelspec in its front matter",
                                "add the jupytext/kernelspec header from CONTRIBUTING.md ('Executed code')"))
    if "kernelspec" in meta and not page.code_cells:
        problems.append(Problem(path, page.line_of("kernelspec"), "the page has a kernelspec but no code cells",
                                "remove the jupytext/kernelspec header (it starts a kernel for nothing)"))

    objectives = page.section("Objectives")
    if objectives:
        bullets = [(n, l) for n, l in objectives.lines if l.startswith("- ")]
        if not plan.MIN_OBJECTIVES <= len(bullets) <= plan.MAX_OBJECTIVES:
            problems.append(Problem(path, objectives.line, f"{len(bullets)} objectives",
                                    f"write {plan.MIN_OBJECTIVES}-{plan.MAX_OBJECTIVES} bullets '- {plan.OBJECTIVE_PREFIX} ...'"))
        for number, line in bullets:
            if not line[2:].startswith(plan.OBJECTIVE_PREFIX):
                problems.append(Problem(path, number, "an objective does not say when it is done",
                                        f"start it with '{plan.OBJECTIVE_PREFIX}' and something observable"))

    tasks = page.section("Tasks")
    if tasks:
        for number, line in tasks.lines:
            if plan.TASK_LIKE.match(line) and not plan.TASK_LINE.match(line):
                problems.append(Problem(path, number, "a task is not in the form '- [ ] **NN min** · what to do'",
                                        "give the task its minutes, e.g. '- [ ] **30 min** · Solve ...'"))
        totals = plan.task_minutes(tasks)
        target = round(float(meta["hours"]) * 60)
        if day in plan.TRACK_DAYS and set(totals) != set(plan.TRACKS):
            problems.append(Problem(path, tasks.line, f"track tabs are {sorted(k for k in totals if k)}",
                                    f"give the tasks one tab per track with ':sync:' keys {', '.join(plan.TRACKS)}"))
        for track, minutes in totals.items():
            if minutes == 0:
                problems.append(Problem(path, tasks.line, "the Tasks section has no timed tasks",
                                        "list tasks as '- [ ] **NN min** · what to do'"))
            elif abs(minutes - target) > plan.MINUTES_TOLERANCE:
                which = f" for track '{track}'" if track else ""
                problems.append(Problem(path, tasks.line, f"tasks add up to {minutes} min{which} but 'hours' is {meta['hours']} ({target} min)",
                                        f"make the minutes add up to within {plan.MINUTES_TOLERANCE} min of {target}, or change 'hours'"))

    resources = page.section("Resources")
    if resources:
        cited = [(n, key.strip()) for n, l in resources.lines for keys in plan.FOOTCITE.findall(l) for key in keys.split(",")]
        if len({k for _, k in cited}) < plan.MIN_RESOURCES:
            problems.append(Problem(path, resources.line, f"{len({k for _, k in cited})} resource(s) cited",
                                    f"cite at least {plan.MIN_RESOURCES} resources with {{footcite}}`key` at chapter/section level"))
        if not any("{footbibliography}" in l for _, l in resources.lines):
            problems.append(Problem(path, resources.line, "the Resources section has no footbibliography",
                                    "end the resource list with ':::{footbibliography}' and ':::'"))
    for number, line in plan.prose_lines(page):
        for keys in plan.FOOTCITE.findall(line):
            for key in keys.split(","):
                if key.strip() not in registry:
                    problems.append(Problem(path, number, f"'{key.strip()}' is not in the reference registry",
                                            "use a key of book/references.bib or add an entry (with its url) there"))
        if plan.MARKDOWN_FOOTNOTE.search(line):
            problems.append(Problem(path, number, "a Markdown footnote '[^...]'",
                                    "cite a registry entry with {footcite}`key` instead (footnotes are reserved for citations)"))
        if plan.PLACEHOLDER.search(line):
            problems.append(Problem(path, number, "a TODO placeholder is left in the page",
                                    "replace it with the real content"))
        if plan.RAW_URL.search(line):
            problems.append(Problem(path, number, "a raw URL in the page",
                                    "add the resource to book/references.bib and cite it with {footcite}`key`"))

    in_display = False  # inside a multi-line $$ ... $$ block
    for number, line in plan.prose_lines(page):
        stripped = line.strip()
        if not stripped.startswith("$$"):
            continue
        one_line = len(stripped) > 4 and stripped.endswith("$$")
        before = page.lines[number - 2].strip()
        if not in_display and before and not before.startswith(":::"):
            # MyST reads it as part of the paragraph: a stray "$" and text swallowed into maths
            problems.append(Problem(path, number, "a $$ display formula continues the paragraph above it",
                                    "put a blank line before the $$ line (and after the formula)"))
        in_display = not in_display and not one_line

    for number, line in enumerate(page.lines, 1):
        control = plan.CONTROL_CHARACTER.search(line)
        if control:
            problems.append(Problem(path, number, f"an invisible control character U+{ord(control.group()):04X} "
                                    f"at column {control.start() + 1}",
                                    "delete it; a backslash command such as \\approx may have been turned into "
                                    "one by a script (write it as a raw string)"))

    checks = page.section("Check yourself")
    if checks:
        count = sum(1 for _, l in checks.lines if l.strip().startswith(":::{dropdown}"))
        if count < plan.MIN_CHECKS:
            problems.append(Problem(path, checks.line, f"{count} check-yourself question(s) with solutions",
                                    f"write at least {plan.MIN_CHECKS} questions, each followed by ':::{{dropdown}} Solution'"))

    links = page.section("Links")
    if links:
        builds_on = " ".join(l for _, l in links.lines if "**Builds on:**" in l)
        linked = {int(n) for _, n in plan.DAY_LINK.findall(builds_on)}
        missing = [p for p in meta["prerequisites"] if isinstance(p, int) and p not in linked]
        if missing:
            problems.append(Problem(path, links.line, f"prerequisite day(s) {missing} are not linked under 'Builds on'",
                                    "add " + ", ".join(f"[](day-{p:03d}.md)" for p in missing) + " to the '**Builds on:**' line"))
    for number, line in plan.prose_lines(page):
        for target, n in plan.DAY_LINK.findall(line):
            if not 1 <= int(n) <= plan.LAST_DAY:
                problems.append(Problem(path, number, f"link to {target}, which is not a day of the plan",
                                        f"link to a day between day-001.md and day-{plan.LAST_DAY}.md"))
    return problems


def check_toc(days: dict[int, plan.DayPage], path: Path = plan.TOC_FILE) -> list[Problem]:
    if not path.exists():
        return [Problem(path, None, "_toc.yml is missing", "write it with: python scripts/validate.py --print-toc > _toc.yml")]
    try:
        actual = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [Problem(path, mark.line + 1 if mark else None, "_toc.yml is not valid YAML", "correct its syntax")]
    expected = plan.expected_toc(days)
    if actual == expected:
        return []
    problems = []
    text_lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(doc: str) -> int | None:
        return next((i + 1 for i, l in enumerate(text_lines) if l.strip().endswith(f"file: {doc}")), None)

    def flatten(toc) -> list[tuple[str, str | None]]:
        """(doc, parent doc) for every entry, in order."""
        out = []

        def walk(entries, parent):
            for entry in entries or []:
                if isinstance(entry, dict) and "file" in entry:
                    out.append((entry["file"], parent))
                    walk(entry.get("sections"), entry["file"])
        if isinstance(toc, dict):
            walk(toc.get("chapters"), toc.get("root"))
        return out

    have = flatten(actual)
    want = flatten(expected)
    have_parent = {doc: parent for doc, parent in have}
    want_docs = [doc for doc, _ in want]
    for index, (doc, parent) in enumerate(want):
        if doc not in have_parent:
            after = want_docs[index - 1] if index else None
            problems.append(Problem(path, line_of(after) if after else None, f"'{doc}' is not listed",
                                    f"add '- file: {doc}' under '{parent}'" + (f", after '{after}'" if after else "")))
        elif have_parent[doc] != parent:
            problems.append(Problem(path, line_of(doc), f"'{doc}' stands under '{have_parent[doc]}'",
                                    f"move it under '{parent}' (its phase/block in scripts/plan.py)"))
    for doc, _ in have:
        if doc not in want_docs:
            problems.append(Problem(path, line_of(doc), f"'{doc}' is not a page of the plan",
                                    "remove it, or add the page to scripts/plan.py first"))
    seen = [doc for doc, _ in have]
    duplicates = {doc for doc in seen if seen.count(doc) > 1}
    for doc in sorted(duplicates):
        problems.append(Problem(path, line_of(doc), f"'{doc}' is listed more than once", "keep one entry"))
    if not problems:
        order = [d for d in seen if d in want_docs]
        wrong = next((d for d, w in zip(order, want_docs) if d != w), None)
        problems.append(Problem(path, line_of(wrong) if wrong else None,
                                f"entries are out of order near '{wrong}'" if wrong else "root, format or titles differ from the plan",
                                "compare with: python scripts/validate.py --print-toc"))
    return problems


def check_registry(path: Path) -> list[Problem]:
    """Every registry entry parses, renders in the book's citation style and has a url."""
    import pybtex.database
    import pybtex.plugin
    from pybtex.errors import set_strict_mode

    set_strict_mode(True)  # a repeated key is an error, not a warning
    text = path.read_text(encoding="utf-8")

    def line_of(key: str) -> int | None:
        """The line of the key's last entry (a repeated key is wrong where it repeats)."""
        matches = list(re.finditer(r"^@\w+\{" + re.escape(key) + r",", text, re.M))
        return text.count("\n", 0, matches[-1].start()) + 1 if matches else None

    try:
        bibliography = pybtex.database.parse_string(text, "bibtex")
    except Exception as error:  # pybtex reports syntax errors and repeated keys this way
        key = re.search(r"entry:? ?\"?([\w-]+)", str(error))
        return [Problem(path, line_of(key.group(1)) if key else None, f"the registry does not parse ({error})",
                        "correct the BibTeX entry; every key must be unique")]
    style = pybtex.plugin.find_plugin("pybtex.style.formatting", plan.CITATION_STYLE)()
    problems = []
    for key, entry in bibliography.entries.items():
        try:
            list(style.format_entries([entry]))
        except Exception as error:
            problems.append(Problem(path, line_of(key), f"entry '{key}' cannot be rendered ({error})",
                                    f"add the missing field, or use @misc for web resources"))
        url = entry.fields.get("url", "")
        if not url.startswith(("https://", "http://")):
            problems.append(Problem(path, line_of(key), f"entry '{key}' has no url",
                                    "add url = {https://...}, the resource's official address"))
    return problems


def check_book(days_dir: Path = plan.DAYS_DIR, toc_file: Path = plan.TOC_FILE,
               registry_file: Path = plan.REGISTRY, only: range | None = None) -> list[Problem]:
    """Every problem of the book; the paths are parameters so tests can check a broken copy."""
    problems: list[Problem] = []
    registry = plan.registry_keys(registry_file)
    days: dict[int, plan.DayPage] = {}
    for path in sorted(days_dir.iterdir()):
        if path.suffix == ".ipynb":
            problems.append(Problem(path, None, "a .ipynb notebook in the book",
                                    "convert it to a MyST Markdown notebook (jupytext --to myst) and delete the .ipynb"))
            continue
        if path.suffix != ".md":
            continue
        match = plan.DAY_FILE.match(path.name)
        if not match:
            problems.append(Problem(path, None, f"'{path.name}' is not named like a day page",
                                    "name day pages day-NNN.md with three digits, e.g. day-007.md"))
            continue
        number = int(match.group(1))
        try:
            page = plan.read_page(path)
        except plan.PageError as error:
            problems.append(error.problem)
            continue
        page_problems = check_front_matter(page, number, days_dir)
        if not page_problems:
            page_problems = check_body(page, registry)
        problems.extend(page_problems)
        if page.day == number:
            days[number] = page
    present = {int(plan.DAY_FILE.match(p.name).group(1)) for p in days_dir.glob("day-*.md") if plan.DAY_FILE.match(p.name)}
    for day in range(1, plan.LAST_DAY + 1):
        if day not in present:
            problems.append(Problem(days_dir / f"day-{day:03d}.md", None, f"day {day} has no page",
                                    f"create it with: python scripts/new_day.py {day}"))
    problems.extend(check_toc(days, toc_file))
    problems.extend(check_registry(registry_file))
    if only is not None:
        wanted = {f"day-{d:03d}.md" for d in only}
        problems = [p for p in problems if p.path.name in wanted]
    return problems


def parse_range(text: str) -> range:
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=parse_range, help="report problems of these days only, e.g. 15-42")
    parser.add_argument("--print-toc", action="store_true", help="print the _toc.yml the plan implies")
    args = parser.parse_args(argv)
    if args.print_toc:
        print(plan.toc_yaml(plan.expected_toc()), end="")
        return 0
    problems = check_book(only=args.only)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} problem(s).", file=sys.stderr)
        return 1
    print("All day pages, the table of contents and the registry are consistent.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
