"""What plans tells the apps after it, which it may not import (the layer order): they connect receivers."""

from django.dispatch import Signal

# Sent after a skills assessment is recorded, with `assessment` (SkillAssessment), `levels` ({skill code: 1–5})
# and `actor`; employers updates the candidate profile's skills.
skills_assessed = Signal()
