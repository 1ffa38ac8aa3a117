"""The rows of the inquiry import and of eligibility screening (docs/formats.md); reading, checking the columns and
the all-or-nothing save are hizdamnut.bulk's."""

from django.core.exceptions import ValidationError
from django.utils import translation

from hizdamnut.audit.services import record_bulk_creation
from hizdamnut.bulk import parse_date, parse_flag, problem, validation_problems
from hizdamnut.centers.models import Center
from hizdamnut.centers.permissions import require_writer
from hizdamnut.centers.selectors import city_by_name
from hizdamnut.centers.summaries import touch_many
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


def _registered(rows):
    """{ID number: participant} for the ID numbers the rows name, read a few thousand at a time."""
    numbers = sorted({normalize_israeli_id(row["id_number"]) for row in rows if row.get("id_number")})
    found = {}
    for start in range(0, len(numbers), 5000):
        found.update((p.id_number, p) for p in Participant.objects.filter(id_number__in=numbers[start:start + 5000]))
    return found


def check_inquiry_rows(rows, *, today):
    """(prepared inquiries, problems): every import row checked, each bad one as `row N: <column>: <reason>`.

    The centers, the reasons and the participants the rows name are read once for the whole file, and each
    distinct source or channel text is matched once; every row is still checked on every column.
    """
    errors, prepared = [], []
    centers = {c.code: c for c in Center.objects.select_related("city")}
    categories = {c.code: c for c in InquiryCategory.objects.all()}
    participants = _registered(rows)
    matched = {Source: {}, Channel: {}}

    def choice(value, choices):
        known = matched[choices]
        if value not in known:
            known[value] = code_or_label(value, choices)
        return known[value]

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
        source = choice(row.get("source", ""), Source)
        if source is None:
            problems.append(("source", f"unknown source “{row.get('source', '')}”; one of {', '.join(Source.values)}"))
        channel = choice(row.get("channel", ""), Channel)
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
                participant = participants.get(id_number)
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
    """Saves one checked inquiry as new, with its first status change; the acting user must work at the
    inquiry's center. The one-row form of `InquiryImport.save` (which the import uses): both give the same rows."""
    require_writer(actor, inquiry.center)
    inquiry.created_by = actor
    inquiry.save()
    InquiryStatusChange.objects.create(inquiry=inquiry, status=InquiryStatus.NEW, changed_on=inquiry.received_on,
                                       changed_by=actor)


class InquiryImport:
    """The save of an import's checked inquiries, a batch at a time (`bulk.save_in_batches`).

    Each inquiry is saved as `save_imported_inquiry` saves it (new, recorded by the actor, with its first status
    change, refused where the actor does not work), but one insert per table per batch; and the audit log gets
    one entry per center naming every inquiry and status change the import created (`audit`), not one per row.
    """

    def __init__(self, *, actor):
        self.actor = actor
        self.refusals = {}  # center id -> the require_writer refusal (None: the actor may write there)
        self.created = {Inquiry: {}, InquiryStatusChange: {}}  # model -> center id -> ids

    def _refusal(self, center):
        if center.pk not in self.refusals:
            try:
                require_writer(self.actor, center)
                self.refusals[center.pk] = None
            except ValidationError as exc:
                self.refusals[center.pk] = exc
        return self.refusals[center.pk]

    def save(self, numbered):
        """Saves a batch of (row number, inquiry); returns the problem lines of the rows refused."""
        problems, accepted = [], []
        for number, inquiry in numbered:
            if (refusal := self._refusal(inquiry.center)) is not None:
                problems += validation_problems(number, refusal)
                continue
            inquiry.created_by = self.actor
            accepted.append(inquiry)
        Inquiry.objects.bulk_create(accepted)
        touch_many([(inquiry.center_id, inquiry.received_on) for inquiry in accepted])  # no signals in bulk
        changes = InquiryStatusChange.objects.bulk_create([
            InquiryStatusChange(inquiry=inquiry, status=InquiryStatus.NEW, changed_on=inquiry.received_on,
                                changed_by=self.actor)
            for inquiry in accepted
        ])
        for inquiry, change in zip(accepted, changes, strict=True):
            self.created[Inquiry].setdefault(inquiry.center_id, []).append(inquiry.pk)
            self.created[InquiryStatusChange].setdefault(inquiry.center_id, []).append(change.pk)
        return problems

    def audit(self, *, what, source=""):
        """One audit entry per center (and model) for everything the import created."""
        for model, ids_by_center in self.created.items():
            record_bulk_creation(actor=self.actor, model=model, ids_by_center=ids_by_center, what=what,
                                 source=source)


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

