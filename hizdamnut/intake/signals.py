"""What intake tells the apps after it, which it may not import (the layer order): they connect receivers."""

from django.dispatch import Signal

# Sent after a routing decision is recorded, with `decision` (RoutingDecision), `job_ready` (whether the decision
# makes the person ready for work, see routing.job_ready) and `actor`; employers creates the candidate profile.
participant_routed = Signal()
