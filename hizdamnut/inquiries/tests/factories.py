import datetime

import factory

from hizdamnut.centers.tests.factories import CenterFactory
from hizdamnut.inquiries.models import Channel, Inquiry, InquiryCategory, InquiryStatusChange, Source


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InquiryCategory
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"cat{n}")
    label_he = factory.Sequence(lambda n: f"סיבה {n}")
    label_en = factory.Sequence(lambda n: f"Reason {n}")


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry
        skip_postgeneration_save = True

    center = factory.SubFactory(CenterFactory)
    received_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=2))
    source = Source.SELF
    channel = Channel.PHONE
    category = factory.SubFactory(CategoryFactory, code="job_search", label_he="חיפוש עבודה")
    first_name = "דנה"
    last_name = "לוי"
    phone = "0521234567"

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            InquiryStatusChange.objects.create(inquiry=obj, status=obj.status, changed_on=obj.received_on)


def category_tree():
    """job_search (cv_help, job_leads) and information (no children)."""
    job = CategoryFactory(code="job_search", label_he="חיפוש עבודה", label_en="Job search")
    CategoryFactory(code="cv_help", label_he="עזרה בקורות חיים", parent=job)
    CategoryFactory(code="job_leads", label_he="הכוונה למשרות", parent=job, position=1)
    CategoryFactory(code="information", label_he="מידע", label_en="Information", position=1)
    return job
