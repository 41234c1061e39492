"""Who said it: the speaker phrase of a sentence and its class (sentences of our own)."""

from __future__ import annotations

import pytest

from geo.claims.attribution import attribute


@pytest.mark.parametrize(
    ("sentence", "who", "source_type"),
    [
        ("A Taliban spokesman, Qari Yousuf Ahmadi, said the group's fighters were in control of Nerkh.",
         "A Taliban spokesman", "taliban"),
        ("The provincial governor, Abdul Karim, told reporters the district had fallen.",
         "The provincial governor", "government"),
        ("Zabihullah Mujahid, a spokesman for the Taliban, said they took it.",
         "Zabihullah Mujahid, a spokesman for the Taliban", "taliban"),
        ("The Taliban captured Nerkh on Monday.", "reporter", "reporter"),
    ],
)
def test_the_speaker_and_their_side(sentence: str, who: str, source_type: str) -> None:
    a = attribute(sentence)
    assert (a.who, a.source_type) == (who, source_type)
