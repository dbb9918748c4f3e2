"""Each app's demo section, in the order `load_demo()` runs them after the core sections (people.py, circles.py).

A new part of the platform adds its demo data as a module here with a function `(ctx) -> None`
and appends that function to `APP_SECTIONS`: the order matters (a section reads what earlier ones
put in the `DemoContext` or the database).
"""

from . import (
    circle_consultations,
    consultations,
    home,
    meetings,
    monitor,
    newsletter,
    notifications,
    opportunities,
    tandems,
    trajectory,
)

APP_SECTIONS = [
    meetings.load_demo_section,
    consultations.load_demo_section,  # the meeting of 8 February from the meetings section
    circle_consultations.load_demo_section,  # the circles (circles.py); a circle's own job profile
    tandems.load_demo_section,
    trajectory.load_trajectory_demo,  # the tandems from the tandems section
    monitor.load_demo_section,  # the organisations' experts, trainings and tandems
    newsletter.load_demo_section,  # the circles' updates (circles.py); its live sections read meetings and rounds
    home.load_demo_section,  # recent things for the home page per role (the circles and people above)
    notifications.load_demo_section,  # messages about the circles' updates, meetings and requests
    opportunities.load_demo_section,  # the organisations, circles and members above; the areas of Amsterdam
]
