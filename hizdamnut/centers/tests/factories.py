import factory
from django.contrib.auth import get_user_model

from hizdamnut.centers.models import Center, City, Region, StaffProfile, YearlyTarget
from hizdamnut.centers.roles import Role


class CenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Center

    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"מרכז הזדמנות {n}")
    city = factory.LazyFunction(lambda: City.objects.get(name_he="נתניה"))
    region = factory.LazyAttribute(lambda center: center.city.region)


class YearlyTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyTarget

    center = factory.SubFactory(CenterFactory)
    year = 2026
    new_active_participants = 200


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "נועה"
    last_name = "כהן"
    password = factory.django.Password("demo-pass-123")


def make_staff(role=Role.COORDINATOR, centers=(), **user_fields):
    """A user with a staff profile of `role`, belonging to `centers`."""
    user = UserFactory(**user_fields)
    profile = StaffProfile.objects.create(user=user, role=role)
    profile.centers.set(centers)
    return user


__all__ = ["CenterFactory", "YearlyTargetFactory", "UserFactory", "make_staff", "Region", "City"]
