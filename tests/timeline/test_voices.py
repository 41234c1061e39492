"""Whose word a claim is, and when that word only serves its speaker (rule 6)."""

from __future__ import annotations

import pytest

from geo.timeline.voices import self_serving, unconfirmed, voices
from tests.factories import make_claim


def said(controller: str, source_type: str, who: str):
    return make_claim(controller=controller, source_type=source_type, attributed_to=who)


@pytest.mark.parametrize(
    ("source_type", "who", "parties"),
    [
        ("taliban", "Taliban spokesman Zabihullah Mujahid", {"taliban"}),
        ("taliban", "a Taliban commander", {"taliban"}),  # "commander" alone is no second party
        ("taliban", "Taliban and Afghan official sources", {"taliban", "government"}),
        ("government", "local officials as well as the Taliban", {"taliban", "government"}),
        ("government", "officials on both sides", {"taliban", "government"}),
        ("taliban", "both sides", {"taliban", "government"}),
        ("government", "two senior Afghan security officials", {"government"}),
        ("reporter", "reporter", set()),
        ("third_party", "the UN mission and Afghan officials", set()),  # a third party speaks for itself
    ],
)
def test_voices_are_the_parties_named(source_type, who, parties):
    assert voices(make_claim(source_type=source_type, attributed_to=who)) == frozenset(parties)


@pytest.mark.parametrize(
    ("claim", "serving"),
    [
        (said("taliban", "taliban", "Taliban spokesman"), True),  # a party claims its gain
        (said("government", "government", "Defence Ministry"), True),
        (said("contested", "taliban", "Taliban"), True),  # besieging is progress for them
        (said("taliban", "government", "provincial police chief"), False),  # admission against interest
        (said("government", "taliban", "Taliban"), False),
        (said("contested", "government", "governor's spokesman"), False),
        (said("taliban", "taliban", "Taliban and government sources"), False),  # two parties agree
        (said("taliban", "reporter", "reporter"), False),
        (said("taliban", "third_party", "Tajik border guards"), False),
    ],
)
def test_self_serving_means_a_party_claiming_its_own_gain(claim, serving):
    assert self_serving(claim) is serving


def test_unconfirmed_needs_every_claim_self_serving_and_one_party():
    taliban = said("taliban", "taliban", "Taliban")
    ministry = said("government", "government", "Interior Ministry")
    admission = said("taliban", "government", "district governor")
    assert unconfirmed([taliban, taliban])
    assert not unconfirmed([taliban, admission])
    assert not unconfirmed([taliban, ministry])  # both sides say it is fought over: confirmed contested
    assert not unconfirmed([])
