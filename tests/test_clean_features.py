"""Tests for the cleaner's second round of features: subheadings and lists kept inside the
body, credit lines, shouted and labelled teasers, positional captions, link lines, CJK text,
the HTML second pass (``extracted=True``) and the line-level view (``line_verdicts``).

Every fixture is invented for these tests.
"""

from __future__ import annotations

from storyline.clean import clean_text, line_verdicts

BODY = (
    "The harbour bridge was closed on Tuesday after inspectors found corroded cables, "
    "the authority said in a statement."
)
MORE = "Engineers will spend the next two weeks testing every one of the bridge's 96 cables, officials said."
LAST = "The council will meet on Thursday to discuss how to pay for the repairs, the mayor said."


def kept(raw: str, **kwargs: bool) -> list[str]:
    return clean_text(raw, **kwargs).text.split("\n\n")


def reasons(raw: str, **kwargs: bool) -> dict[str, str]:
    return {line.text: line.reason for line in clean_text(raw, **kwargs).dropped}


def article(*lines: str) -> str:
    return "\n".join([BODY, *lines, MORE, LAST])


# --- kept inside the body -------------------------------------------------------------


def test_subheading_between_body_paragraphs_is_kept() -> None:
    assert "Cables under strain" in kept(article("Cables under strain"))
    assert "‘Zero visibility’" in kept(article("‘Zero visibility’"))


def test_one_word_or_repeated_short_lines_in_the_body_still_go() -> None:
    assert "Home" in reasons(article("Home"))
    # A credit under every photo repeats; a subheading does not.
    raw = "\n".join([BODY, "Ledger Photos", MORE, "Ledger Photos", LAST, BODY.replace("Tuesday", "Monday")])
    assert "Ledger Photos" in reasons(raw)


def test_items_after_an_introducing_line_are_kept() -> None:
    rows = ['"Harbour Lights," May 13, 2006', '"Cable Song," Feb. 3, 2007', '"Rust," Sept. 8, 2007']
    raw = "\n".join([BODY, MORE, "Here is every single the band released in those years:", *rows])
    text = kept(raw)
    assert all(row in text for row in rows)


def test_intro_line_ending_in_a_colon_is_a_sentence() -> None:
    line = "The mayor shared part of an email the engineers had sent her:"
    assert line in kept(article(line))


# --- dropped ---------------------------------------------------------------------------


def test_credit_lines() -> None:
    for line in (
        "Jane Roe and Sam Poe contributed to this report.",
        "— With assistance by Kim Lee and Ana Ruiz",
        "Northport Ledger reporter Dev Patel contributed to this story from Eastbank.",
    ):
        assert reasons(article(line)).get(line) == "boilerplate phrase: credit line", line


def test_shouted_and_labelled_teasers() -> None:
    for line in (
        "RELATED Ferry operator adds sailings as bridge stays shut",
        "LEDGER VIEW: WHY THE BRIDGE FAILED ITS INSPECTION",
        "(Also on the Ledger: Five things to know about the cables)",
        "► Update: Inspector charged over bridge report",
        "Related Coverage: The Bridge That Rusted From the Inside Out",
    ):
        assert reasons(article(line)).get(line) == "read-more teaser", line


def test_transcript_speaker_lines_are_not_teasers() -> None:
    line = "MAYOR ANA LOPES: We knew about the cables and we should have acted sooner"
    assert line in kept(article(line))


def test_positional_caption_and_closing_credit() -> None:
    caption = "Councillor Priya Nandakumar, left, and engineer Tom Ruiz inspect a cable on Tuesday."
    assert reasons(article(caption)).get(caption) == "photo caption"
    long_caption = " ".join(["Traffic backs up at the tunnel entrance during the morning rush."] * 6)
    long_caption += " (Photo: Jane Doe/Northport Ledger)"
    assert reasons(article(long_caption)).get(long_caption) == "photo credit"


def test_link_lines_and_separators() -> None:
    assert reasons(article("More info: http://bridge.example/repairs")).get(
        "More info: http://bridge.example/repairs"
    ) == "link line"
    assert reasons(article("- - - - - - - -")).get("- - - - - - - -") == "separator"


def test_cjk_paragraphs_are_not_short_lines() -> None:
    body = "港湾橋は火曜日、点検でケーブルの腐食が見つかったため閉鎖された。当局が声明で明らかにした。"
    more = "技術者は今後二週間かけて、橋の九十六本のケーブルをすべて検査する予定だ。"
    assert kept("\n".join([body, more])) == [body, more]


# --- the HTML second pass ----------------------------------------------------------------


def test_extracted_text_keeps_headings_and_lists_but_drops_phrases() -> None:
    raw = "\n\n".join([BODY, "Cost", "Who pays", MORE, "Sign up for our newsletter", LAST, "Tags: bridge, cables"])
    text = kept(raw, extracted=True)
    assert "Cost" in text and "Who pays" in text
    assert "Sign up for our newsletter" not in text
    assert "Cost" not in kept(raw)  # as plain scraped text the one-word line is chrome


# --- line_verdicts -----------------------------------------------------------------------


def test_line_verdicts_follow_paragraphs_and_link_lines() -> None:
    raw = "Subscribe\n\n" + BODY + "\n\nAdvertisement\n\n" + MORE
    verdicts = line_verdicts(raw)
    assert verdicts == {
        1: "boilerplate phrase: subscribe", 3: None, 5: "boilerplate phrase: advertisement", 7: None,
    }


def test_line_verdicts_drop_a_bare_link_inside_a_kept_paragraph() -> None:
    wrapped = (
        "Japan and South Korea were rattled when the president hinted at a withdrawal of\n"
        "American troops\n"
        "<https://news.example/world/2016/nov/10/a-long-address-that-the-wrap-pushed-onto-its-own-line>\n"
        "from the Asia-Pacific unless the two allies paid more towards the cost of their\n"
        "security and that of the region, officials in both capitals said this week.\n"
    )
    raw = wrapped + "\n" + "\n".join([BODY] * 1) + "\n\n" + MORE
    verdicts = line_verdicts(raw)
    assert verdicts[3] == "link residue"
    assert verdicts[1] is None and verdicts[4] is None
