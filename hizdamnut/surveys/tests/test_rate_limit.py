"""The survey's one-time nonces and rate limit live in the database, so every process and a restart see them."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from hizdamnut.surveys import rate_limit
from hizdamnut.surveys.models import SubmissionCount, SurveyResponse, UsedNonce

from .factories import make_questionnaire

pytestmark = pytest.mark.django_db


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_a_used_nonce_is_refused_after_the_process_memory_is_gone():
    nonce = rate_limit.new_nonce()
    assert rate_limit.use_nonce(nonce)
    cache.clear()  # what a restart or another worker process would see: an empty local cache
    assert not rate_limit.use_nonce(nonce)
    assert UsedNonce.objects.count() == 1


def test_a_replayed_link_is_refused_after_a_restart(client, center):
    questionnaire = make_questionnaire()
    url = reverse("surveys:answer", args=[rate_limit.form_token(questionnaire, center)])
    import re

    nonce = re.search(r'name="nonce" value="([^"]+)"', client.get(url).content.decode()).group(1)
    client.post(url, {"nonce": nonce, "item_listen": "4"})
    cache.clear()
    client.post(url, {"nonce": nonce, "item_listen": "4"})
    assert SurveyResponse.objects.count() == 1


def test_the_rate_limit_is_counted_in_the_database(monkeypatch):
    monkeypatch.setattr(rate_limit, "RATE_LIMIT", 2)
    request = request_from("203.0.113.7")
    assert rate_limit.within_rate_limit(request)
    cache.clear()
    assert rate_limit.within_rate_limit(request)
    assert not rate_limit.within_rate_limit(request)
    row = SubmissionCount.objects.get()
    assert row.count == 3
    assert "203.0.113.7" not in row.client_key  # a keyed hash, not the address


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert rate_limit.client_address(request_from("198.51.100.1", "203.0.113.9")) == "198.51.100.1"


def test_behind_a_trusted_proxy_the_client_is_the_right_most_untrusted_hop(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    # the client wrote a fake first hop; our proxies 10.0.0.5 and 127.0.0.1 appended the real ones
    request = request_from("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.5")
    assert rate_limit.client_address(request) == "203.0.113.9"


def test_the_forwarded_header_of_an_untrusted_sender_is_not_believed(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert rate_limit.client_address(request_from("198.51.100.1", "203.0.113.9")) == "198.51.100.1"


def test_respondents_behind_one_proxy_have_their_own_limits(settings, monkeypatch):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    monkeypatch.setattr(rate_limit, "RATE_LIMIT", 1)
    assert rate_limit.within_rate_limit(request_from("127.0.0.1", "203.0.113.1"))
    assert rate_limit.within_rate_limit(request_from("127.0.0.1", "203.0.113.2"))
    assert not rate_limit.within_rate_limit(request_from("127.0.0.1", "203.0.113.1"))


def test_a_garbled_forwarded_header_falls_back_to_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert rate_limit.client_address(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"
