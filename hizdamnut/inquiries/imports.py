"""The rows of the inquiry import and of eligibility screening (docs/formats.md); reading, checking the columns and
the all-or-nothing save are hizdamnut.bulk's."""

from django.core.exceptions import ValidationError
from django.utils import translation

from hizdamnut.bulk import parse_date, parse_flag, problem
from hizdamnut.centers.models import Center
from hizdamnut.centers.permissions import require_writer
from hizdamnut.centers.selectors import city_by_name
from hizdamnut.participants.models import Participant
from hizdamnut.participants.validators import normalize_israeli_id, validate_israeli_id

from . import eligibility
from .models import Channel, Inquiry, InquiryCategory, InquiryStatus, InquiryStatusChange, Source

IMPORT_COLUMNS = ("center_code", "received_on", "source", "channel", "category")
SCREENING_COLUMNS = ("birth_date", "city")


# The centers' own words for sources and channels (seed: "פניות של משתתפים פוטנציאליים מגיעות בכמה אופנים"),
# accepted beside the codes and the UI labels.
HEBREW_ALIASES = {
    "הפניה מהמחלקה לשירותים חברתיים": "welfare_referral", "הפניית רווחה": "welfare_referral",
    "מחלקה לשירותים חברתיים": "welfare_referral", "שותף בקהילה": "community_partner",
    "גורם בקהילה": "community_partner", "אירוע חשיפה": "outreach_event", "חבר מביא חבר": "friend",
    "מפה לאוזן": "friend", "פנייה עצמאית": "self", "פנייה עצמית": "self", "טלפון": "phone", "טלפונית": "phone",
    "הגעה למרכז": "walk_in", "הגעה פיזית": "walk_in", "פרונטלי": "walk_in", "מקוון": "online", "אונליין": "online",
}


def code_or_label(value, choices):
    """A choice code, or its Hebrew (or English) label; None if neither."""
    if value in choices.values:
        return value
    if HEBREW_ALIASES.get(value) in choices.values:
        return HEBREW_ALIASES[value]
    for code, label in choices.choices:
        with translation.override("he"):
            if str(label) == value:
                return code
        with translation.override("en"):
            if str(label).lower() == value.lower():
                return code
    return None


def check_inquiry_rows(rows, *, today):
    """(prepared inquiries, problems): every import row checked, each bad one as `row N: <column>: <reason>`."""
    errors, prepared = [], []
    centers = {c.code: c for c in Center.objects.select_related("city")}
    categories = {c.code: c for c in InquiryCategory.objects.all()}
    for n, row in enumerate(rows, start=1):
        problems = []
        center = centers.get(row.get("center_code", "").upper())
        if center is None:
            problems.append(("center_code", f"unknown center code “{row.get('center_code', '')}”"))
        received_on = None
        try:
            received_on = parse_date(row.get("received_on", ""), required=True)
            if received_on > today:
                problems.append(("received_on", "date is in the future"))
        except ValueError:
            problems.append(("received_on", "expected a date as YYYY-MM-DD"))
        source = code_or_label(row.get("source", ""), Source)
        if source is None:
            problems.append(("source", f"unknown source “{row.get('source', '')}”; one of {', '.join(Source.values)}"))
        channel = code_or_label(row.get("channel", ""), Channel)
        if channel is None:
            problems.append(
                ("channel", f"unknown channel “{row.get('channel', '')}”; one of {', '.join(Channel.values)}")
            )
        category = categories.get(row.get("category", ""))
        subcategory = None
        if category is None or category.parent_id:
            problems.append(("category", f"unknown top-level category “{row.get('category', '')}”"))
        else:
            sub_code = row.get("subcategory", "")
            if sub_code:
                subcategory = categories.get(sub_code)
                if subcategory is None or subcategory.parent_id != category.pk:
                    problems.append(("subcategory", f"“{sub_code}” is not a subcategory of “{category.code}”"))
                    subcategory = None
        id_number = row.get("id_number", "")
        participant = None
        if id_number:
            id_number = normalize_israeli_id(id_number)
            try:
                validate_israeli_id(id_number)
            except ValidationError:
                problems.append(("id_number", "not a valid Israeli ID number"))
            else:
                participant = Participant.objects.filter(id_number=id_number).first()
                if participant and center and participant.center_id != center.pk:
                    problems.append(("id_number", "registered to a participant of another center"))
        for column in ("first_name", "last_name"):
            if len(row.get(column, "")) > 60:
                problems.append((column, "longer than 60 characters"))
        if problems:
            errors.extend(problem(n, column, reason) for column, reason in problems)
            continue
        prepared.append(Inquiry(
            center=center, received_on=received_on, source=source, channel=channel, category=category,
            subcategory=subcategory, participant=participant, id_number=id_number if not participant else "",
            first_name=row.get("first_name", "") if not participant else "",
            last_name=row.get("last_name", "") if not participant else "", notes=row.get("notes", ""),
        ))
    return prepared, errors


def save_imported_inquiry(inquiry, *, actor=None):
    """Saves one checked inquiry as new, with its first status change (the bulk save loop calls it per row);
    the acting user must work at the inquiry's center."""
    require_writer(actor, inquiry.center)
    inquiry.created_by = actor
    inquiry.save()
    InquiryStatusChange.objects.create(inquiry=inquiry, status=InquiryStatus.NEW, changed_on=inquiry.received_on,
                                       changed_by=actor)


FLAG_COLUMNS = (
    "low_stability", "underemployed", "multiple_barriers", "acute_crisis", "long_unemployed",
    "disability_served_elsewhere", "excluded_population", "other_state_service",
)


def check_screening_rows(rows):
    """(applicants, problems): each row as an Applicant, each bad one as `row N: <column>: <reason>`."""
    errors, applicants = [], []
    cities = {}
    for n, row in enumerate(rows, start=1):
        problems = []
        id_number = row.get("id_number", "")
        if id_number:
            try:
                validate_israeli_id(normalize_israeli_id(id_number))
            except ValidationError:
                problems.append(("id_number", "not a valid Israeli ID number"))
        birth_date = last_active = None
        try:
            birth_date = parse_date(row.get("birth_date", ""), required=True)
        except ValueError:
            problems.append(("birth_date", "expected a date as YYYY-MM-DD"))
        if row.get("welfare_file_last_active"):
            try:
                last_active = parse_date(row["welfare_file_last_active"], required=True)
            except ValueError:
                problems.append(("welfare_file_last_active", "expected a date as YYYY-MM-DD or empty"))
        name = row.get("city", "")
        if name not in cities:
            cities[name] = city_by_name(name)
        city = cities[name]
        if city is None:
            problems.append(("city", f"unknown city “{name}”"))
        flags = {}
        for column in FLAG_COLUMNS:
            try:
                flags[column] = parse_flag(row.get(column, ""))
            except ValueError:
                problems.append((column, "expected 1, 0 or empty"))
        percent = None
        if row.get("disability_percent"):
            try:
                percent = int(row["disability_percent"])
                if not 0 <= percent <= 100:
                    raise ValueError
            except ValueError:
                problems.append(("disability_percent", "expected a whole number from 0 to 100 or empty"))
        if problems:
            errors.extend(problem(n, column, reason) for column, reason in problems)
            continue
        applicants.append(eligibility.Applicant(
            birth_date=birth_date, city=city, welfare_file_last_active=last_active, disability_percent=percent,
            **flags,
        ))
    return applicants, errors


def screen_applicants(applicants, *, center, on, year):
    """Screens a checked batch without saving; the center's current participants in `year` count toward the
    region cap."""
    load = eligibility.region_load(center, year)
    results = []
    for n, applicant in enumerate(applicants, start=1):
        result = eligibility.screen(applicant, center=center, on=on, load=load)
        results.append({"row": n, "decision": result.decision,
                        "reasons": [eligibility.reason_line(finding) for finding in result.reasons]})
    return results

