"""The JSON API: thin handlers over the same services the pages use.

OpenAPI at /api/v1/openapi.json, browsable docs at /api/v1/docs (both for signed-in staff only).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI

from hizdamnut.directory.api import router as directory_router
from hizdamnut.employers.api import router as employers_router
from hizdamnut.inquiries.api import router as inquiries_router
from hizdamnut.intake.api import router as intake_router
from hizdamnut.jobs.api import router as jobs_router
from hizdamnut.occupations.api import router as occupations_router
from hizdamnut.participants.api import router as participants_router
from hizdamnut.placements.api import router as placements_router
from hizdamnut.plans.api import router as plans_router
from hizdamnut.programs.api import router as programs_router
from hizdamnut.reports.api import router as reports_router
from hizdamnut.surveys.api import router as surveys_router
from hizdamnut.training.api import router as training_router
from hizdamnut.versioning import StaleVersion

from .auth import AUTH, signed_in_only

api = NinjaAPI(
    title="Hizdamnut API",
    version="1",
    description=(
        "Case management for Opportunity Centers. Authenticate with `Authorization: Bearer <token>` "
        "(`manage.py create_api_token USERNAME`) or a staff session. Every list and record is limited "
        "to the caller's centers; another center's record answers 404."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_decorator=signed_in_only,
)


def validation_details(exc):
    if hasattr(exc, "error_dict"):
        return [
            {"loc": ["body", field], "msg": message, "type": "value_error"}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"loc": ["body"], "msg": message, "type": "value_error"} for message in exc.messages]


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return api.create_response(request, {"detail": validation_details(exc)}, status=422)


@api.exception_handler(StaleVersion)
def on_stale_version(request, exc):
    return api.create_response(request, {
        "detail": validation_details(exc), "current_version": exc.current_version, "changed": exc.changed_fields,
    }, status=409)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": "Your role may not do this."}, status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


api.add_router("/participants", participants_router)
api.add_router("/inquiries", inquiries_router)
api.add_router("/intake", intake_router)
api.add_router("/directory", directory_router)
api.add_router("/occupations", occupations_router)
api.add_router("/plans", plans_router)
api.add_router("/programs", programs_router)
api.add_router("/employers", employers_router)
api.add_router("/training", training_router)
api.add_router("/placements", placements_router)
api.add_router("/surveys", surveys_router)
api.add_router("/reports", reports_router)
api.add_router("/jobs", jobs_router)
