"""The one definition of the plan and of a day page.

Phases, blocks, front-matter fields, kinds of day and required sections live
here. The validator (scripts/validate.py), the tests and the build all import
this module, so a rule changes in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml's loader parses the 365 pages' front matter ten times faster than the
# pure-Python one (the build reads them all on every run); same YAML, same errors.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
DAYS_DIR = BOOK / "days"
TOC_FILE = ROOT / "_toc.yml"
REGISTRY = BOOK / "references.bib"
CITATION_STYLE = "unsrt"  # pybtex style; _config.yml sets the same bibtex_default_style
LAST_DAY = 365
DAY_FILE = re.compile(r"^day-(\d{3})\.md$")


@dataclass(frozen=True)
class Phase:
    number: int
    title: str
    first: int
    last: int

    @property
    def index_doc(self) -> str:
        return f"phase-{self.number}/index"


@dataclass(frozen=True)
class Block:
    id: str
    phase: int
    first: int
    last: int
    title: str

    @property
    def doc(self) -> str:
        return f"phase-{self.phase}/{self.id}"


PHASES = (
    Phase(1, "Foundations & Core Machine Learning", 1, 90),
    Phase(2, "Research Skills, Reinforcement Learning & Production ML", 91, 150),
    Phase(3, "Deep Specialization", 151, 240),
    Phase(4, "Research-Level Projects & Mastery", 241, 365),
)

BLOCKS = (
    Block("foundational-math-classic-ml", 1, 1, 14, "Foundational Math & Intro to Classic ML"),
    Block("deeper-math-classic-ml", 1, 15, 28, "Deeper Math & Classic ML Strengthening"),
    Block("intermediate-math-neural-networks", 1, 29, 42, "Intermediate Math & Intro to Neural Networks"),
    Block("deep-learning-advanced-stats", 1, 43, 56, "Refining Deep Learning & Advanced Stats"),
    Block("specialized-topics-theory", 1, 57, 70, "Specialized Topics & More Theory"),
    Block("advanced-experiments-research", 1, 71, 84, "Advanced Experiments & Research Orientation"),
    Block("foundation-consolidation", 1, 85, 90, "Final Consolidation of the \u201cFoundation\u201d Phase"),
    Block("research-skills-projects", 2, 91, 105, "Deepening Research Skills & Larger Projects"),
    Block("reinforcement-learning", 2, 106, 120, "Reinforcement Learning / Advanced Topics (Optional Track)"),
    Block("large-scale-production-ml", 2, 121, 135, "Large-Scale & Production-Focused ML"),
    Block("scaling-or-specialty", 2, 136, 150, "Scaling Further or Pivoting to a Specialty"),
    Block("specialization-foundations", 3, 151, 160, "Specialization Foundations"),
    Block("state-of-the-art", 3, 161, 180, "Advanced Papers & State-of-the-Art Models"),
    Block("transfer-real-world", 3, 181, 210, "Transfer, Adaptation & Real-World Data"),
    Block("specialization-capstone", 3, 211, 240, "Specialization Capstone & Mini-Paper"),
    Block("original-research", 4, 241, 270, "Original Research or Comprehensive Project"),
    Block("community-collaboration", 4, 271, 290, "Community, Collaboration, and Advanced Explorations"),
    Block("depth-teaching", 4, 291, 320, "Master\u2019s-Level Depth & Teaching Others"),
    Block("second-project-gaps", 4, 321, 360, "Second Project, Publishing & Gap Analysis"),
    Block("wrap-up", 4, 361, 365, "Final Wrap-Up & Vision Forward"),
)

BLOCKS_BY_ID = {block.id: block for block in BLOCKS}

# Days 151-240: one shared topic, track-specific tasks in synchronised tabs.
TRACK_DAYS = range(151, 241)
TRACKS = {"nlp": "NLP", "cv": "Computer vision", "ts": "Time series"}

KINDS = ("study", "practice", "project", "reading", "writing", "review")
HANDS_ON_KINDS = ("practice", "project")
# A page may declare `standard: outline` while it is below the full page
# standard (no executed code yet); the page then says so to the reader.
STANDARDS = ("outline", "full")

MIN_HOURS, MAX_HOURS = 0.5, 4
MINUTES_TOLERANCE = 15
MIN_OBJECTIVES, MAX_OBJECTIVES = 2, 4
MIN_RESOURCES = 2
MIN_CHECKS = 3

REQUIRED_FIELDS = ("day", "title", "phase", "block", "kind", "hours", "tags", "prerequisites")
OPTIONAL_FIELDS = ("standard",)
# Keys that belong to Jupytext / MyST-NB, not to the plan.
NOTEBOOK_FIELDS = ("jupytext", "kernelspec", "mystnb")

# Section headings (level 2) in reading order; "Code" is required on hands-on
# days only. Other level-2 sections may stand between Resources and Check yourself.
SECTIONS = ("Objectives", "Tasks", "Resources", "Code", "Check yourself", "Links")
OPTIONAL_SECTIONS = ("Code",)
EXTRA_SECTIONS_AFTER = "Resources"

WHY_PREFIX = "**Why it matters:**"
OBJECTIVE_PREFIX = "Done when you can"
TITLE_SEPARATOR = " \u00b7 "  # "Day 5 · Linear Regression"
TASK_LINE = re.compile(r"^\s*- \[[ xX]\] \*\*(\d+) min\*\* \u00b7 \S")
TASK_LIKE = re.compile(r"^\s*- \[[ xX]\]")
FOOTCITE = re.compile(r"\{footcite(?::[a-z]+)?\}`([^`]+)`")
DAY_LINK = re.compile(r"\[[^\]]*\]\((day-(\d{3})\.md)\)")
RAW_URL = re.compile(r"https?://")
CODE_CELL = re.compile(r"^```\{code-cell\}")
MARKDOWN_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
PLACEHOLDER = re.compile(r"\bTODO\b")  # what scripts/new_day.py leaves to fill in
# Invisible control characters (tab and line ends aside), e.g. "\a" from "\approx"
# written through a Python string: they break maths and print as boxes.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TAG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def phase_of(day: int) -> Phase:
    for phase in PHASES:
        if phase.first <= day <= phase.last:
            return phase
    raise ValueError(f"day {day} is outside 1-{LAST_DAY}")


def block_of(day: int) -> Block:
    for block in BLOCKS:
        if block.first <= day <= block.last:
            return block
    raise ValueError(f"day {day} is outside 1-{LAST_DAY}")


def day_file(day: int) -> Path:
    return DAYS_DIR / f"day-{day:03d}.md"


def day_doc(day: int) -> str:
    """The page's Sphinx docname, and so its permanent URL without .html."""
    return f"days/day-{day:03d}"


@dataclass
class Problem:
    """One thing wrong with the book, said so a contributor can fix it."""

    path: Path
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(ROOT)
        except ValueError:
            shown = self.path
        where = f"{shown}:{self.line}" if self.line else f"{shown}"
        return f"{where}: {self.message}. Fix: {self.fix}"


@dataclass
class Section:
    title: str
    line: int  # 1-based line of the heading
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)


@dataclass
class DayPage:
    """A day page as read from disk: its front matter and its sections."""

    path: Path
    meta: dict
    meta_lines: dict[str, int]
    body_start: int  # 1-based line number of the first line after the front matter
    lines: list[str]
    h1: tuple[int, str] | None
    sections: list[Section]
    code_cells: int

    @property
    def day(self) -> int | None:
        value = self.meta.get("day")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def section(self, title: str) -> Section | None:
        return next((s for s in self.sections if s.title == title), None)

    def line_of(self, key: str) -> int:
        return self.meta_lines.get(key, 1)


class PageError(Exception):
    """The page cannot be read at all (no or broken front matter)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_page(path: Path) -> DayPage:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise PageError(Problem(path, 1, "the page has no front matter",
                                "start the file with a '---' line, the plan's fields, and a closing '---' (see CONTRIBUTING.md)"))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise PageError(Problem(path, 1, "the front matter is never closed",
                                "add a line '---' after the last front-matter field")) from None
    raw = "\n".join(lines[1:end])
    try:
        meta = yaml.load(raw, Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PageError(Problem(path, line, f"the front matter is not valid YAML ({reason})",
                                "correct the YAML syntax on that line (a 'key: value' pair, lists as [a, b])")) from None
    if not isinstance(meta, dict):
        raise PageError(Problem(path, 2, "the front matter is not a mapping of fields",
                                "write one 'key: value' field per line"))
    meta_lines = {}
    for offset, line in enumerate(lines[1:end]):
        match = re.match(r"^([A-Za-z_][\w-]*):", line)
        if match:
            meta_lines.setdefault(match.group(1), offset + 2)

    h1 = None
    sections: list[Section] = []
    code_cells = 0
    fence = None  # the backtick fence that opened the current code block
    for index in range(end + 1, len(lines)):
        number, line = index + 1, lines[index]
        stripped = line.strip()
        if fence:
            if stripped == fence:
                fence = None
            if sections:
                sections[-1].lines.append((number, line))
            continue
        if stripped.startswith("```"):
            fence = re.match(r"^`+", stripped).group(0)
            if CODE_CELL.match(stripped):
                code_cells += 1
        elif line.startswith("# ") and h1 is None:
            h1 = (number, line[2:].strip())
            continue
        elif line.startswith("## "):
            sections.append(Section(line[3:].strip(), number))
            continue
        if sections:
            sections[-1].lines.append((number, line))
    return DayPage(path, meta, meta_lines, end + 2, lines, h1, sections, code_cells)


def prose_lines(page: DayPage):
    """(line number, text) of every line outside fenced code blocks."""
    fence = None
    for index in range(page.body_start - 1, len(page.lines)):
        line = page.lines[index]
        stripped = line.strip()
        if fence:
            if stripped == fence:
                fence = None
            continue
        if stripped.startswith("```"):
            fence = re.match(r"^`+", stripped).group(0)
            continue
        yield index + 1, line


@dataclass
class Task:
    track: str  # "" for a task every track does; else a key of TRACKS
    minutes: int
    text: str  # the Markdown after "**NN min** · ", continuation lines joined
    line: int


def section_tasks(section: Section) -> list[Task]:
    """The timed tasks of a Tasks section, with the track whose tab holds them.

    Tasks inside a `{tab-item}` whose `:sync:` key names a track belong to that
    track only.
    """
    tasks: list[Task] = []
    track = None
    for number, line in section.lines:
        stripped = line.strip()
        if stripped.startswith(":::{tab-item}"):
            track = "?"
            continue
        if track == "?" and stripped.startswith(":sync:"):
            track = stripped.split(":sync:", 1)[1].strip()
            continue
        if stripped == ":::" and track is not None:
            track = None
            continue
        match = TASK_LINE.match(line)
        if match:
            text = line.split("\u00b7", 1)[1].strip()
            tasks.append(Task(track or "", int(match.group(1)), text, number))
        elif tasks and tasks[-1].line < number and line.startswith("  ") and stripped and not TASK_LIKE.match(line):
            tasks[-1].text += " " + stripped  # a task's wrapped continuation line
    return tasks


def task_minutes(section: Section) -> dict[str, int]:
    """Minutes of the Tasks section per track ('' is the shared part).

    The returned totals add the shared minutes to each track's own.
    """
    tasks = section_tasks(section)
    shared = sum(task.minutes for task in tasks if not task.track)
    per_track = {line.split(":sync:", 1)[1].strip(): 0 for _, line in section.lines if line.strip().startswith(":sync:")}
    for task in tasks:
        if task.track:
            per_track[task.track] = per_track.get(task.track, 0) + task.minutes
    if not per_track:
        return {"": shared}
    return {name: shared + minutes for name, minutes in per_track.items()}


def registry_keys(path: Path = REGISTRY) -> set[str]:
    return set(re.findall(r"^@\w+\{([^,\s]+),", path.read_text(encoding="utf-8"), re.M))


def registry_urls(path: Path = REGISTRY) -> dict[str, str]:
    """key -> url of every registry entry (the scheduled link check reads these)."""
    urls = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = re.match(r"^@\w+\{([^,\s]+),", line)
        if entry:
            key = entry.group(1)
        url = re.match(r"^\s*url\s*=\s*\{([^}]+)\}", line)
        if url and key:
            urls[key] = url.group(1)
    return urls


def expected_toc(days: dict[int, DayPage] | None = None) -> dict:
    """The _toc.yml the plan implies: phases > blocks > days, in order."""
    chapters = []
    for phase in PHASES:
        blocks = []
        for block in (b for b in BLOCKS if b.phase == phase.number):
            blocks.append({
                "file": block.doc,
                "sections": [{"file": day_doc(d)} for d in range(block.first, block.last + 1)],
            })
        chapters.append({"file": phase.index_doc, "sections": blocks})
    return {"format": "jb-book", "root": "intro", "chapters": [{"file": "progress"}] + chapters}


def toc_yaml(toc: dict) -> str:
    header = ("# The book's table of contents: phases > blocks > days.\n"
              "# It must match scripts/plan.py; `make validate` says what to change.\n")
    return header + yaml.safe_dump(toc, sort_keys=False, allow_unicode=True, width=100)
