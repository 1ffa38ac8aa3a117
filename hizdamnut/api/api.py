"""The JSON API: thin handlers over the same services the pages use.

OpenAPI at /api/v1/openapi.json, browsable docs at /api/v1/docs (both for signed-in staff only).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.http import Http404
from ninja import NinjaAPI
from ninja.parser import Parser

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


def _refuse_null_characters(value):
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(ProhibitNullCharactersValidator.message, code="null_characters_not_allowed")
    if isinstance(value, dict):
        for item in value.values():
            _refuse_null_characters(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_null_characters(item)


class TextParser(Parser):
    """JSON bodies and query strings as ninja reads them, with a NUL character refused wherever it is (a body
    400, a query 422): PostgreSQL cannot store or even compare one, so it was a server error (found by the
    fuzzer). The pages' forms refuse it the same way (Django's `ProhibitNullCharactersValidator`)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        _refuse_null_characters(data)
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        _refuse_null_characters(result)
        return result


api = NinjaAPI(
    title="Hizdamnut API",
    version="1",
    description=(
        "Case management for Opportunity Centers. Authenticate with `Authorization: Bearer <token>` "
        "(`manage.py create_api_token USERNAME`) or a staff session. Every list and record is limited "
        "to the caller's centers; another center's record answers 404."
    ),
    auth=AUTH,
    parser=TextParser(),
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
