"""Draw the preview card that messaging apps show for a shared link (Open Graph image).

Writes book/_static/social-card.png (1200 x 630 px, the size the apps expect).
Run it again after changing the title or the phases: python scripts/make_social_card.py
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import plan

WIDTH_PX, HEIGHT_PX, DPI = 1200, 630, 100
PHASE_COLOURS = ("#4c9be8", "#52c49a", "#f2b84b", "#ef7d5b")


def main() -> None:
    fig = plt.figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="#13243a")
    fig.text(0.06, 0.80, "365 Days of Data Science", color="white", fontsize=46, weight="bold")
    fig.text(0.06, 0.70, "A day-by-day, executable study plan: about two hours a day,",
             color="#d6e2f0", fontsize=22)
    fig.text(0.06, 0.64, "from backend engineer to PhD-level data scientist.", color="#d6e2f0", fontsize=22)
    grid = fig.add_axes((0.06, 0.08, 0.88, 0.46))
    weeks = int(np.ceil(plan.LAST_DAY / 7))
    for day in range(1, plan.LAST_DAY + 1):
        week, weekday = divmod(day - 1, 7)
        colour = PHASE_COLOURS[plan.phase_of(day).number - 1]
        grid.add_patch(plt.Rectangle((week, 6 - weekday), 0.82, 0.82, color=colour))
    grid.set_xlim(-0.2, weeks)
    grid.set_ylim(-0.2, 7)
    grid.set_aspect("equal")
    grid.axis("off")
    fig.savefig(plan.BOOK / "_static" / "social-card.png", dpi=DPI, facecolor=fig.get_facecolor())


if __name__ == "__main__":
    main()
