"""Tests for the clean stage: one rule per test on tiny inputs, then the demo story and the
real scraped seeds (skipped when the shared folder is not there)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from storyline.clean import CleanResult, DroppedLine, clean_text

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "harbor-bridge"
SEEDS = ROOT.parent / "shared" / "seeds"

BODY = (
    "The harbour bridge was closed on Tuesday after inspectors found corroded cables, "
    "the authority said in a statement."
)
MORE = "Engineers will spend the next two weeks testing every one of the bridge's 96 cables, officials said."
LAST = "The council will meet on Thursday to discuss how to pay for the repairs, the mayor said."


def paragraphs(raw: str, **kwargs: str) -> list[str]:
    return clean_text(raw, **kwargs).text.split("\n\n")


def reasons(raw: str) -> dict[str, str]:
    return {line.text: line.reason for line in clean_text(raw).dropped}


def article(*lines: str) -> str:
    """A small article: the given lines between real body paragraphs."""
    return "\n".join([BODY, *lines, MORE, LAST])


# --- API and normalization ------------------------------------------------------------


def test_api_shapes() -> None:
    result = clean_text("Subscribe\n" + BODY)
    assert isinstance(result, CleanResult)
    assert result.text == BODY
    assert result.dropped == (DroppedLine(1, "Subscribe", "boilerplate phrase: subscribe"),)


def test_empty_and_blank_input() -> None:
    assert clean_text("") == CleanResult("", None, ())
    assert clean_text(" \n\n \t\n").text == ""


def test_nfc_not_nfkc_and_curly_quotes_kept() -> None:
    raw = "“Cafe\u0301 owners were told the ﬁx would take weeks,” said Ana Lopes, who runs one nearby."
    text = clean_text(raw).text
    assert "Café" in text and "\u0301" not in text
    assert text.startswith("“") and "”" in text
    assert "ﬁx" in text  # NFKC would have split the ligature: we only compose


def test_invisible_characters_and_spaces() -> None:
    raw = "The\u200b bridge\u00a0was\u00a0closed \u2009 on\tTuesday\ufeff after inspectors found rust, officials said.\r\n"
    assert clean_text(raw).text == "The bridge was closed on Tuesday after inspectors found rust, officials said."


def test_paragraphs_are_separated_by_blank_lines() -> None:
    assert clean_text(f"{BODY}\n{MORE}\n\n\n{LAST}").text == f"{BODY}\n\n{MORE}\n\n{LAST}"


# --- re-flow --------------------------------------------------------------------------


def _wrap(text: str, width: int = 78) -> str:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current + " ")
            current = word
        else:
            current = f"{current} {word}" if current else word
    return "\n".join([*lines, current])


def test_hard_wrapped_text_is_reflowed() -> None:
    first = BODY + " " + MORE
    second = LAST + " " + BODY
    raw = _wrap(first) + "\n\n" + _wrap(second) + "\n"
    assert raw.count("\n") > 4
    assert paragraphs(raw) == [first, second]


def test_one_paragraph_per_line_stays_separate() -> None:
    raw = "Short opener from the scene.\n" + BODY + "\n" + MORE
    assert paragraphs(raw) == ["Short opener from the scene.", BODY, MORE]


def test_lowercase_fragment_joins_previous_line() -> None:
    raw = BODY + "\nThe new cables will be made at the plant in Port Selby and\nbrought in by barge."
    assert paragraphs(raw)[-1] == "The new cables will be made at the plant in Port Selby and brought in by barge."


# --- link residue ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("when he becomes the first leader to meetDonald Trump <https://x.example/a> on Thursday.",
         "when he becomes the first leader to meet Donald Trump on Thursday."),
        ("on his way to theAsia Pacific <https://x.example/b> Economic Cooperation summit.",
         "on his way to the Asia Pacific Economic Cooperation summit."),
        ("during his campaign, when hehinted at a withdrawal of American troops <http://x.example/c> from Asia.",
         "during his campaign, when he hinted at a withdrawal of American troops from Asia."),
        ("a brief conversation with theembattled South Korean president <https://x.example/d> , Park Geun-hye.",
         "a brief conversation with the embattled South Korean president, Park Geun-hye."),
        ("support for the free trade pact,now abandoned <https://x.example/e> by the administration.",
         "support for the free trade pact, now abandoned by the administration."),
        ("the dispute over theKuril islands <https://x.example/f> – known in Japan as the Northern Territories.",
         "the dispute over the Kuril islands – known in Japan as the Northern Territories."),
        ("and North Korea <https://x.example/g>’s nuclear weapons programme have raised tensions.",
         "and North Korea’s nuclear weapons programme have raised tensions."),
    ],
)
def test_link_residue_removed_and_glue_repaired(raw: str, expected: str) -> None:
    result = clean_text(raw)
    assert result.text == expected
    assert [line.reason for line in result.dropped] == ["link residue"]


def test_link_repair_never_splits_real_camel_case() -> None:
    raw = (
        "McDonald's sold the iPhone game on YouTube, while PlayStation fans wrote JavaScript, "
        "analysts at theWorld Bank <https://x.example/h> said."
    )
    assert clean_text(raw).text == (
        "McDonald's sold the iPhone game on YouTube, while PlayStation fans wrote JavaScript, "
        "analysts at the World Bank said."
    )
    untouched = "McDonald's and iPhone makers met YouTube and PlayStation staff to discuss JavaScript tools today."
    assert clean_text(untouched).text == untouched


def test_lowercase_glue_keeps_real_words() -> None:
    raw = "Troops began a withdrawal together with allies <https://x.example/i> on Monday, officials said."
    assert clean_text(raw).text == "Troops began a withdrawal together with allies on Monday, officials said."


def test_wrapped_link_lines_are_transparent() -> None:
    raw = (
        "Japan and South Korea were rattled when the president hinted at a withdrawal of \n"
        "American troops \n"
        "<https://x.example/world/2016/nov/10/a-very-long-address-that-pushed-the-wrap-over-the-edge>\n"
        " from the Asia-Pacific unless the two allies paid more towards the cost of their \n"
        "security and that of the region.\n\n" + _wrap(BODY + " " + MORE) + "\n\n" + _wrap(LAST + " " + BODY)
    )
    assert paragraphs(raw)[0] == (
        "Japan and South Korea were rattled when the president hinted at a withdrawal of American troops "
        "from the Asia-Pacific unless the two allies paid more towards the cost of their security and "
        "that of the region."
    )


def test_bare_url_line_dropped() -> None:
    assert reasons(article("https://www.example.com/some/page"))["https://www.example.com/some/page"] == "link residue"


# --- boilerplate lines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Subscribe", "boilerplate phrase: subscribe"),
        ("See all offers and subscribe", "boilerplate phrase: subscribe"),
        ("log in or register", "boilerplate phrase: log in or register"),
        ("To participate in the discussion", "boilerplate phrase: log in or register"),
        ("Sign up for our newsletter", "boilerplate phrase: sign up"),
        ("Never miss a story again — sign up to our channel and we'll keep you up to speed!", "boilerplate phrase: sign up"),
        ("Advertisement", "boilerplate phrase: advertisement"),
        ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "boilerplate phrase: cookie"),
        ("Follow us on Twitter", "boilerplate phrase: follow us"),
        ("Copyright 2026 Harbour Media. All rights reserved.", "boilerplate phrase: copyright"),
        ("This article was originally published on The Conversation.", "boilerplate phrase: originally published"),
        ("Tweet with a location", "boilerplate phrase: tweet with a location"),
        ("You have 3 free articles left this month", "boilerplate phrase: subscribe"),
        ("Offer ends October 31st", "boilerplate phrase: subscribe"),
        ("Sponsored Content", "boilerplate phrase: sponsored content"),
        ("You have {{count}} free article{{plural}} left", "template placeholder"),
        ("Share", "boilerplate phrase: share"),
        ("print PRINT", "boilerplate phrase: share"),
        ("Email us your answers to:", "boilerplate phrase: email us"),
        ("12 Comments", "boilerplate phrase: log in or register"),
        ("© AP Photo / Jane DoeWorkers inspect the cables on the eastern tower.", "photo credit"),
        ("Photo: Lena Brandt", "photo credit"),
        ("Workers inspect the cables on the eastern tower on Monday. (Getty Images)", "photo credit"),
        ("ArrowArtboardCreated with Sketch.Title ChevronIcon FacebookIcon LinkedinIcon Mail ContactPath", "icon run"),
        ("Home", "short non-sentence line"),
        ("Newsfeed", "boilerplate phrase: newsfeed"),
        ("Home > Local > Transport", "menu or tag list"),
        ("Tags: bridges, transport, Northport", "menu or tag list"),
        ("RELATED: Ferry fares waived while the bridge is shut", "read-more teaser"),
        ("Get trusted insights from experts within Asia itself.", "promotional"),
        ("Last updated at 6:04 PM on 20th October 2011", "boilerplate phrase: timestamp"),
    ],
)
def test_boilerplate_line(line: str, reason: str) -> None:
    raw = article(line)
    assert reasons(raw).get(line) == reason
    assert paragraphs(raw) == [BODY, MORE, LAST]


def test_read_more_teaser_drops_the_related_headline_too() -> None:
    raw = article("Ferry operator adds sailings as bridge stays shut", "Read more")
    got = reasons(raw)
    assert got["Ferry operator adds sailings as bridge stays shut"] == "read-more teaser"
    assert got["Read more"] == "read-more teaser"


def test_caption_with_outlet_trailer() -> None:
    caption = "Traffic cones block the eastern approach to the bridge on Tuesday morning. - Northport Ledger"
    assert reasons(article(caption))[caption] == "photo caption"


def test_related_headline_between_captions_and_body() -> None:
    caption = "The mayor speaks to reporters outside City Hall in Northport on Monday - Coastline Daily"
    related = "Harbour Authority Faces Questions Over Missed Warnings"
    got = reasons(article(caption, "Local", related))
    assert got[related] == "related headline"


def test_other_script_line_in_english_article() -> None:
    assert reasons(article("Заголовок открываемого материала"))["Заголовок открываемого материала"] == "other script"


def test_duplicate_caption_dropped_once_kept_nowhere() -> None:
    line = "The eastern tower of the bridge, where most of the damaged cables were found, seen on Monday."
    result = clean_text("\n".join([BODY, line, MORE, line, LAST]))
    assert result.text.count(line) == 1
    assert [d.reason for d in result.dropped] == ["duplicate"]


def test_section_blurb_above_headline() -> None:
    raw = "\n".join([
        "Asia",
        "Find top stories and features from the region. All you want to know about its politics and people.",
        "",
        "Bridge Closure Leaves Commuters Stranded",
        "",
        BODY, MORE, LAST,
    ])
    result = clean_text(raw)
    assert result.title == "Bridge Closure Leaves Commuters Stranded"
    assert result.text.split("\n\n") == ["Bridge Closure Leaves Commuters Stranded", BODY, MORE, LAST]


def test_caption_above_headline_dropped() -> None:
    raw = "\n".join(["Workers on the bridge deck on Monday.", "Bridge shut over corroded cables", BODY, MORE])
    result = clean_text(raw)
    assert result.title == "Bridge shut over corroded cables"
    assert reasons(raw)["Workers on the bridge deck on Monday."] == "before headline"


def test_reader_poll_and_paywall_tail() -> None:
    raw = article() + "\n" + "\n".join([
        "Do you commute across the harbour? How has the closure affected you?",
        "• Will you use the ferry after the bridge reopens?",
        "• Who should pay for the repairs? The city? The state?",
        "Email us your answers to:",
        "Stay ahead with our exclusives on the region;",
        "the most trusted coverage in the world.",
        "Try 3 months for $9",
        "Regional Review on print and tablet media",
    ])
    assert paragraphs(raw) == [BODY, MORE, LAST]


# --- content survives -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "“No. Certainly not.”",
        "“It’s about time,” she said.",
        "The vote was 9-2.",
        "$13 million",
        "Repairs will cost $42 million.",
        "Did the council know about the rust?",
        "US trade representative brings up free trade agreement",
        "Shares of the company fell 3% after the announcement was made.",
        "The company’s print edition will share a newsletter with its sister paper.",
    ],
)
def test_content_lines_survive(line: str) -> None:
    assert line in paragraphs(article(line))


def test_interview_questions_mid_article_survive() -> None:
    question = "How do you feel about having to need extra security?"
    assert question in paragraphs(article(question))


# --- headline -------------------------------------------------------------------------


def test_headline_and_standfirst_kept() -> None:
    raw = "\n".join([
        "Kestrel bridge to reopen to cars on May 18",
        "Harbour Authority sets a date as crews begin replacing corroded cables",
        BODY,
    ])
    result = clean_text(raw)
    assert result.title == "Kestrel bridge to reopen to cars on May 18"
    assert result.text.split("\n\n")[:2] == raw.split("\n")[:2]


def test_masthead_is_not_the_headline() -> None:
    raw = "\n".join(["Bay Radio News", "Menu", "", "Contractor named for bridge repair", "", BODY, MORE])
    result = clean_text(raw)
    assert result.title == "Contractor named for bridge repair"
    assert "Bay Radio News" not in result.text


def test_no_headline_when_text_starts_with_body() -> None:
    assert clean_text(f"{BODY}\n\n{MORE}").title is None


def test_title_argument_wins() -> None:
    raw = "\n".join(["Home", "Bridge closed | after inspection", BODY, MORE])
    result = clean_text(raw, title="Bridge closed | after inspection | Meridian Wire")
    assert result.title == "Bridge closed | after inspection | Meridian Wire"
    assert result.text.split("\n\n")[0] == "Bridge closed | after inspection"


# --- the demo story -------------------------------------------------------------------


class _Text(HTMLParser):
    """Bare-bones HTML to text (block elements become blank lines), nav and footer included,
    so the cleaner sees the chrome a naive extractor would leave."""

    BLOCKS = frozenset("p h1 h2 h3 li div figcaption header footer nav ul aside article main figure".split())

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("head", "script", "style")
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("head", "script", "style")
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _demo_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return raw
    parser = _Text()
    parser.feed(raw)
    return "".join(parser.parts)


DEMO_FILES = sorted(DEMO.glob("0*"))
DEMO_JUNK = [
    "Subscribe", "Keep updated", "© Jane Doe", "- Northport Ledger", "Read more", "free articles",
    "Already a subscriber", "Tags:", "<https://", "COASTLINE DAILY", "Topics", "Comments (23)",
    "Newsletters", "Sign up", "By Hannah Osei", "Photo:", "Related", "All rights reserved", "Cookie",
    "Listen live", "Listen to this story", "Published:", "Tweet", "Print", "Join the conversation",
    "Log in", "Most read", "cookies", "Home > Local", "By Samuel Reyes", "Advertisement",
    "Do you commute", "Sponsored", "originally published", "Share this", "Follow us", "Five ways",
    "theNorthport", "thebeleaguered", "closed,now", "Bay Radio News\n", "The Civic Record\n",
]


def test_demo_story_is_present() -> None:
    assert [path.name for path in DEMO_FILES] == [
        "01_northport-ledger.txt", "02_coastline-daily.txt", "03_meridian-wire.html",
        "04_bay-radio-news.txt", "05_civic-record.txt",
    ]


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda path: path.name)
def test_demo_story_cleans_without_junk(path: Path) -> None:
    result = clean_text(_demo_text(path))
    for junk in DEMO_JUNK:
        assert junk not in result.text + "\n", f"{junk!r} left in {path.name}"
    assert clean_text(result.text).text == result.text
    assert result.title and "bridge" in result.title.lower() or "Kestrel" in (result.title or "")
    for paragraph in result.text.split("\n\n"):
        assert len(paragraph.split()) >= 6, paragraph


def test_demo_story_keeps_its_facts() -> None:
    texts = {path.name: clean_text(_demo_text(path)).text for path in DEMO_FILES}
    assert "at 6 a.m. on Tuesday, March 3, 2026, after inspectors found corrosion in 14 of its 96" in texts["01_northport-ledger.txt"]
    assert "said Tom Okafor, chief engineer of the Harbour Authority" in texts["01_northport-ledger.txt"]
    assert "about 58,000 vehicles a day, according to counts published by the regional transport office." in texts["02_coastline-daily.txt"]
    assert "Ridership on the beleaguered ferry service tripled on Wednesday" in texts["02_coastline-daily.txt"]
    assert "The bridge closed, now stranding shoppers" in texts["02_coastline-daily.txt"]
    assert "voted 9-2 late on Thursday to release $42 million" in texts["03_meridian-wire.html"]
    assert "awarded a $45 million contract" in texts["04_bay-radio-news.txt"]
    assert "reopen to cars and buses on Monday, May 18, 2026" in texts["05_civic-record.txt"]
    assert "“People on the east side of the harbour have been incredibly patient,” Ruiz said." in texts["05_civic-record.txt"]


# --- the real scraped seeds -----------------------------------------------------------

SEED_JUNK = [
    "Subscribe", "log in or register", "<https://", "ArrowArtboard", "numberArticlesLeft", "Read more",
    "© AP Photo", "Заголовок", "Sputnik International", "Find top stories", "print PRINT", "Newsfeed",
    "Chats", "loader", "Do you live in Asia", "Email us your answers", "Sponsored Content",
    "free article", "Offer ends", "See all offers", "Try 3 months", "• Ambassador", "• G7 Summit",
    "Japan Has Chance", "US Intends to Boost", "Trump transition team in disarray",
    "Ex-Nato leaders call", "'roadkill'", "Yokota Air Base.\n", "Never miss a story",
]


def _seeds() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"no seed articles at {SEEDS}")
    return sorted(SEEDS.glob("*.txt"))


def test_seeds_lose_their_junk_and_keep_their_content() -> None:
    texts = {path.name[:3]: clean_text(path.read_text(encoding="utf-8")) for path in _seeds()}
    assert set(texts) >= {"000", "001", "002", "003"}
    for name, result in texts.items():
        for junk in SEED_JUNK:
            assert junk not in result.text + "\n", f"{junk!r} left in seed {name}"
        assert clean_text(result.text).text == result.text
    assert texts["000"].title == "Japan's PM Abe Heads to US to Meet Trump With Security Concerns"
    assert "Donald Trump’s decision to pull out from the Trans-Pacific Partnership" in texts["000"].text
    assert "Joining Shinzo Abe during his visit to Washington are Foreign Minister" in texts["000"].text
    assert "the first foreign leader to meet Donald Trump on Thursday." in texts["001"].text
    assert "when he hinted at a withdrawal of American troops from the Asia-Pacific unless" in texts["001"].text
    assert "with the embattled South Korean president, Park Geun-hye, telling her" in texts["001"].text
    assert "free trade pact, now abandoned by the Obama administration." in texts["001"].text
    assert "ownership of the Kuril islands – known in Japan as the Northern Territories" in texts["001"].text
    assert texts["002"].title == "Japan PM Abe highlights “robust” alliance in talks with Trump"
    assert "before a House of Councillors election in July." in texts["002"].text
    assert texts["003"].title == "Trump, Abe to tout alliance amid North Korean tensions"
    assert "US and Japanese leaders aim to dial up pressure on rogue state" in texts["003"].text
    assert "US trade representative brings up free trade agreement" in texts["003"].text
    assert texts["003"].text.endswith("if Trump demands the start of bilateral trade talks.")


def test_seed_drops_report_source_lines() -> None:
    path = next((p for p in _seeds() if p.name.startswith("001")), None)
    if path is None:
        pytest.skip("seed 001 missing")
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    for line in clean_text("\n".join(raw_lines)).dropped:
        assert line.text.split()[0] in raw_lines[line.line_no - 1], line


def test_lone_surrogate_is_replaced_not_fatal() -> None:
    # Python callers can hand in a str holding a lone surrogate; clean must not crash on it.
    result = clean_text("The council met on Tuesday \ud800 to vote.\n\nIt approved the bridge.")
    assert "\ufffd" in result.text
    result.text.encode("utf-8")


def _goes_whole_as_archive_notice(page: str) -> None:
    result = clean_text(page)
    assert result.text == "", page
    assert {d.reason for d in result.dropped} == {"boilerplate phrase: web archive notice"}


def test_a_web_archive_notice_page_cleans_to_nothing() -> None:
    # Multi-News has pages that are only an archive's note about its crawls: not news, and
    # kept they become one "story" spanning every cluster they were scraped into.
    notice = ("Since 2001 a search partner has been donating its crawl data to the Internet Archive. "
              "New captures join the collection after a delay.\n\n"
              "These crawls are part of an effort to archive pages as they are created, so that a link "
              "to the version that was live when a page was written is preserved when the page changes, "
              "and references to it can point at the archived copy instead of a broken link, which the "
              "archive hopes will let readers see what the authors of the page originally intended.")
    _goes_whole_as_archive_notice(notice)
    story = "The council said the crawl space under the old library flooded twice this winter, and repairs begin in May."
    assert clean_text(story).text == story


def test_a_crawl_collection_page_cleans_to_nothing() -> None:
    # An archive's description of one of its crawls (seed list, dates, counts) opens with the
    # notice, so the whole page goes, counts and all, not just the lines that say "crawl".
    page = ("Open web crawl with a fresh seed list and crawler settings from May 2019, run on new software.\n\n"
            "What is in the data set:\n\n"
            "Number of captures: 1,204,332\n\n"
            "The seed list for this crawl was a list of popular sites gathered a week before the start.\n\n"
            "We learned a lot from running it and will change how we schedule hosts next time.")
    _goes_whole_as_archive_notice(page)
    # The same words inside an article that opens with news are only news.
    story = ("The city library opened its digital archive on Monday after two years of work by volunteers.\n\n"
             "Staff said the seed list for this crawl of local websites came from reader suggestions.")
    assert clean_text(story).text.startswith("The city library opened")


def test_a_crawl_seed_page_and_an_archive_collection_page_clean_to_nothing() -> None:
    # A crawl's seed description opens with a short line naming the crawl ("The seed for
    # Wide00014 was:"), above the first long line; a curated collection names its service.
    seed = ("The seed for Open00021 was:\n\n"
            "- Front pages of every host that more than one other host links to, ranked by links\n\n"
            "- Up to fifty of the best ranked pages from every linked-to host in the previous graph")
    collection = ("This is a set of web collections curated by a volunteer using the Archive-It service of a "
                  "public web archive. They include captures of two school websites and of the pages they "
                  "link to, and these captures are open to the general public. For more information about "
                  "this collection please write to the curator through the form on the collection's page.")
    _goes_whole_as_archive_notice(seed)
    _goes_whole_as_archive_notice(collection)
    # A tournament's seeds and a museum's curators are news.
    story = ("The seed for Nadal was never in doubt, the organisers said on Monday at the draw.\n\n"
             "The exhibition was curated by the museum's own staff and opens to the public in June.")
    assert clean_text(story).text == story


def test_social_account_and_placeholder_pages_are_dropped() -> None:
    text = ("Ferry fares rise in June\n\n"
            "The harbour board approved a ten per cent rise in ferry fares at its meeting on Thursday.\n\n"
            "Join us on Facebook and follow the latest harbour news in your feed.\n\n"
            "Your custom domain mapping may take up to a day to resolve, so please check back later.\n\n"
            "Sorry, the page you requested could not be found.")
    result = clean_text(text)
    assert result.text == ("Ferry fares rise in June\n\n"
                           "The harbour board approved a ten per cent rise in ferry fares at its meeting on Thursday.")
    reasons = [d.reason for d in result.dropped]
    assert reasons == ["boilerplate phrase: follow us", "boilerplate phrase: placeholder page",
                       "boilerplate phrase: placeholder page"]
    # A reporter's account, or the word "found", is not chrome.
    plain = "Police found the boat on Friday, and the mayor told us on Twitter that the search was over."
    assert clean_text(plain).text == plain
