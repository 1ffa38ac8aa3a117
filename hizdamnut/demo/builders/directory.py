"""Community services: the seven every center refers to, plus a local one per center added by its coordinator."""

from hizdamnut.centers.roles import Role
from hizdamnut.directory.models import CommunityService
from hizdamnut.directory.seed import seed_services
from hizdamnut.directory.services import add_local_service

LOCAL = [
    ("מרכז צעירים", "ליווי צעירים בגילאי 18–35: השכלה, תעסוקה ומעורבות בקהילה."),
    ("מרכז מידע לתושב", "מידע על שירותים עירוניים, הנחות בארנונה ופעילויות מסובסדות."),
    ("ייעוץ משפטי בענייני עבודה", "ייעוץ משפטי חינם בענייני זכויות עובדים."),
]


def build(ctx):
    seed_services(CommunityService)
    for index, center in enumerate(ctx.centers):
        name, description = LOCAL[index % len(LOCAL)]
        code = f"local_{center.code.lower()}"
        phone = "0" + str(ctx.rng.randint(2, 9)) + "".join(str(ctx.rng.randint(0, 9)) for _ in range(7))
        if not CommunityService.objects.filter(code=code).exists():
            with ctx.on(ctx.days_ago(400, 700), 10):
                add_local_service(actor=ctx.staff_of(center, Role.COORDINATOR)[0], center=center, code=code,
                                  name_he=f"{name} {center.city.name_he}", description=description, phone=phone)
