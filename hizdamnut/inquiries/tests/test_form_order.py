"""The inquiry form follows the conversation: who is calling first; the detailed reasons follow the main reason."""

from django.urls import reverse

from .factories import category_tree


def test_the_caller_comes_before_the_referral(coordinator_client, center):
    category_tree()
    page = coordinator_client.get(reverse("inquiries:create")).content.decode()
    assert page.index('name="first_name"') < page.index('name="phone"') < page.index('name="source"')
    assert page.index('name="phone"') < page.index('name="referring_department"')


def test_choosing_a_reason_offers_only_its_detailed_reasons(coordinator_client, center):
    job = category_tree()
    response = coordinator_client.get(reverse("inquiries:subcategories"), {"category": job.pk})
    body = response.content.decode()
    assert "עזרה בקורות חיים" in body and "הכוונה למשרות" in body and "optgroup" not in body


def test_without_a_reason_every_detailed_reason_is_offered_grouped(coordinator_client, center):
    category_tree()
    body = coordinator_client.get(reverse("inquiries:subcategories")).content.decode()
    assert "<optgroup" in body and "עזרה בקורות חיים" in body


def test_an_unknown_reason_is_not_found(coordinator_client, center):
    category_tree()
    assert coordinator_client.get(reverse("inquiries:subcategories"), {"category": "x"}).status_code == 404


def test_the_main_reason_asks_for_its_detailed_reasons(coordinator_client, center):
    category_tree()
    page = coordinator_client.get(reverse("inquiries:create")).content.decode()
    assert f'hx-get="{reverse("inquiries:subcategories")}"' in page


def test_a_bound_form_offers_the_chosen_reasons_children(coordinator_client, center):
    job = category_tree()
    response = coordinator_client.post(reverse("inquiries:create"), {"category": job.pk})
    choices = [label for value, label in response.context["form"].fields["subcategory"].choices]
    assert len(choices) == 3 and "עזרה בקורות חיים" in choices
