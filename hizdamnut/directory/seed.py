"""The community services every center refers to (seed: "מיצוי זכויות, מחלקת הרווחה, מרכזי עוצמה, סל שיקום,
ביטוח לאומי, עבודה נתמכת" and the employment service)."""

SERVICES = [
    ("rights_realization", "מיצוי זכויות", "Rights realization",
     "ליווי במיצוי זכויות והטבות מול הרשויות."),
    ("welfare_department", "המחלקה לשירותים חברתיים", "Welfare department",
     "המחלקה לשירותים חברתיים ברשות המקומית."),
    ("otzma_center", "מרכז עוצמה", "Otzma center",
     "מרכז לכלכלת המשפחה: ניהול תקציב, חובות והכנסות."),
    ("rehabilitation_basket", "סל שיקום", "Rehabilitation basket",
     "שירותי שיקום בקהילה של משרד הבריאות."),
    ("national_insurance", "ביטוח לאומי", "National Insurance",
     "המוסד לביטוח לאומי: קצבאות ושיקום מקצועי."),
    ("supported_employment", "עבודה נתמכת", "Supported employment",
     "השמה וליווי בעבודה נתמכת."),
    ("employment_service", "שירות התעסוקה", "Employment service",
     "שירות התעסוקה הישראלי: דורשי עבודה והפניה למשרות."),
]


def seed_services(CommunityService):
    for code, name_he, name_en, description in SERVICES:
        CommunityService.objects.update_or_create(
            code=code, defaults={"name_he": name_he, "name_en": name_en, "description": description}
        )
