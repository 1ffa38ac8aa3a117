"""Community services: the seven every center refers to, plus a local one per center."""

from hizdamnut.directory.models import CommunityService
from hizdamnut.directory.seed import seed_services

LOCAL = [
    ("מרכז צעירים", "ליווי צעירים בגילאי 18–35: השכלה, תעסוקה ומעורבות בקהילה."),
    ("מרכז מידע לתושב", "מידע על שירותים עירוניים, הנחות בארנונה ופעילויות מסובסדות."),
    ("ייעוץ משפטי בענייני עבודה", "ייעוץ משפטי חינם בענייני זכויות עובדים."),
]


def build(ctx):
    seed_services(CommunityService)
    for index, center in enumerate(ctx.centers):
        name, description = LOCAL[index % len(LOCAL)]
        CommunityService.objects.get_or_create(
            code=f"local_{center.code.lower()}", defaults={
                "name_he": f"{name} {center.city.name_he}", "description": description, "center": center,
                "phone": "0" + str(ctx.rng.randint(2, 9)) + "".join(str(ctx.rng.randint(0, 9)) for _ in range(7)),
            },
        )
