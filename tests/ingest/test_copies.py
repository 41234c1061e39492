"""Copies of one report are one story; two reports of one district are two."""

from datetime import date

from geo.ingest.copies import body_lines, stories
from geo.models import Article

# A wire story written for these tests, five paragraphs.
WIRE = [
    ("KABUL (Reuters) - Taliban fighters took control of the Nawur district in central Ghazni province on "
    "Saturday after government troops withdrew from their last base there, two provincial council members said."),
    ("The council members said dozens of soldiers had left the district centre overnight in a convoy "
    "heading towards the provincial capital, leaving behind weapons and two armoured vehicles."),
    ("A spokesman for the provincial governor confirmed that the forces had pulled back but said the "
    "withdrawal was a tactical decision and that reinforcements would be sent within days."),
    ("Residents reached by telephone said the insurgents had raised their white flag over the district "
    "governor's compound and were patrolling the main bazaar on motorbikes."),
    ("The district, a remote highland area inhabited mostly by Hazara farmers, had been besieged for "
    "weeks and its supply road had been cut by roadside bombs since the start of the summer."),
]

# Another report on the same district, written independently.
OTHER = (
    "Nawur falls after long siege\n\n"
    "Afghan security forces abandoned the Nawur district on Saturday, handing the insurgents another "
    "district in Ghazni, according to a member of parliament from the province.\n\n"
    "The lawmaker said the troops had run out of food and ammunition after the Taliban blocked every "
    "road into the valley and that repeated requests for air support had gone unanswered.\n\n"
    "Officials in Kabul did not respond to requests for comment on the situation in the district."
)


def _repost(paragraphs, *, headline, menu=True, keep=None, joined=False):
    body = paragraphs[:keep] if keep else paragraphs
    parts = []
    if menu:
        parts += ["Home | World | Asia", "Share  Tweet  Email"]
    parts.append(headline)
    if menu:
        parts.append("Fighters ride on a pick-up truck in a photo from last year. (By AFP)")
    parts += [" ".join(body)] if joined else body
    if menu:
        parts += ["READ MORE: Talks in Doha stall again as fighting spreads", "Subscribe to our newsletter"]
    return "\n\n".join(parts)


def test_the_same_story_reheadlined_trimmed_reparagraphed_with_menus_is_one_story():
    original = Article("wire", "\n\n".join(WIRE), published=date(2021, 7, 10), publisher="Reuters")
    copies = [
        Article("site-a", _repost(WIRE, headline="Taliban take Nawur as troops leave"),
                published=date(2021, 7, 11), publisher="Kabul Evening Post"),
        Article("site-b", _repost(WIRE, headline="Another district falls in Ghazni", keep=2),
                published=date(2021, 7, 11), url="https://www.example-news.org/asia/1"),
        Article("site-c", _repost(WIRE, headline="Ghazni: Nawur lost", joined=True, menu=False),
                published=date(2021, 7, 12)),
    ]
    found = stories([*copies, original])
    assert {found[a.id].id for a in (original, *copies)} == {"wire"}
    assert found["site-b"].members == ("wire", "site-a", "site-b", "site-c")
    assert found["site-b"].source == "Reuters"


def test_the_wire_tag_of_a_copy_names_the_source_even_when_the_original_is_missing():
    a = Article("a", _repost(WIRE, headline="Taliban take Nawur"), publisher="Site A")
    b = Article("b", _repost(WIRE, headline="Nawur lost", keep=3), publisher="Site B")
    found = stories([a, b])
    assert found["a"] is found["b"] and found["a"].source == "Reuters"


def test_two_reports_of_one_district_are_two_stories():
    a = Article("a", "\n\n".join(WIRE), publisher="Reuters")
    b = Article("b", OTHER, publisher="Kabul Evening Post")
    found = stories([a, b])
    assert found["a"].id != found["b"].id
    assert found["b"].source == "Kabul Evening Post"
    assert found["a"].key != found["b"].key


def test_order_of_articles_does_not_matter():
    arts = [Article("x", _repost(WIRE, headline="One")), Article("y", "\n\n".join(WIRE)),
            Article("z", OTHER)]
    assert stories(arts) == stories(arts[::-1])


def test_menus_captions_and_links_are_not_body():
    lines = body_lines(_repost(WIRE, headline="Taliban take Nawur as troops leave"))
    assert len(lines) == len(WIRE)
    assert not any("READ MORE" in ln or "(By AFP)" in ln for ln in lines)


def test_claims_carry_signatures_and_group_into_stories_without_the_text():
    from geo.ingest.copies import article_fields, with_stories
    from tests.factories import make_claim

    original = Article("wire", "\n\n".join(WIRE), published=date(2021, 7, 10), publisher="Reuters",
                       title="Taliban seize Nawur district", url="https://www.reuters.com/world/1")
    copy = Article("site-a", _repost(WIRE, headline="Taliban take Nawur as troops leave"),
                   published=date(2021, 7, 11), publisher="Kabul Evening Post")
    other = Article("other", OTHER, published=date(2021, 7, 11))
    claims = [make_claim(article_id=a.id, published=a.published.isoformat(), url=a.url, publisher=a.publisher,
                         title=a.title, extra=article_fields(a)) for a in (copy, other, original)]
    assert claims[0].extra["outlet"] == "Kabul Evening Post"
    assert claims[0].extra["title"] == "Taliban take Nawur as troops leave"
    got = {c.article_id: c.extra for c in with_stories(claims)}
    assert got["site-a"]["source"] == "Reuters" and got["site-a"]["story"] == "wire"
    assert got["site-a"]["copies"] == [{"article_id": "wire", "outlet": "Reuters",
                                        "title": "Taliban seize Nawur district",
                                        "url": "https://www.reuters.com/world/1"}]
    assert got["wire"]["copies"][0]["outlet"] == "Kabul Evening Post"
    assert got["other"]["copies"] == [] and got["other"]["source"] is None
    assert got["other"]["source_key"] == "story:other"
    assert with_stories(claims[::-1])[::-1] == with_stories(claims)
