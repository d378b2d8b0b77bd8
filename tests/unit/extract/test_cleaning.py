from pathlib import Path

import pytest
from parley_extract.cleaning import clean_text, is_html, render_html_text

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def paragraphs(clean: str) -> list[str]:
    return clean.split("\n\n")


ENGLISH_PAGE = """\
back to top

OpenNews Pakistan

Transparent. Unbiased. Yours.

Dar and Rubio Vow to Deepen Ties

August 5, 2025

— Categories: Politics & Government

Deputy Prime Minister Ishaq Dar and US Secretary of State Marco Rubio held a phone call on trade.

Photo: APP

Read more: Dar meets Lavrov in Moscow

Share on Facebook Twitter WhatsApp

The two leaders agreed to maintain close contact and to meet again in Washington next month.

Related Articles

Dar calls Iranian foreign minister over Gaza

• Dar meets Wang Yi in Beijing

Please enter your comment!
Please enter your name here
"""


def test_english_page_keeps_the_article_and_drops_the_chrome() -> None:
    clean = clean_text(ENGLISH_PAGE)

    # The site name sits between two chrome lines ("back to top", the slogan), so it goes with them.
    assert paragraphs(clean) == [
        "Dar and Rubio Vow to Deepen Ties",
        "August 5, 2025",
        "Deputy Prime Minister Ishaq Dar and US Secretary of State Marco Rubio held a phone call on trade.",
        "The two leaders agreed to maintain close contact and to meet again in Washington next month.",
    ]


URDU_PAGE = """\
اسحاق ڈار نے امریکی وزیر خارجہ مارکو روبیو سے ٹیلیفون پر گفتگو کی۔

مزید پڑھیں: اسحاق ڈار اور مصری وزیر خارجہ کی ملاقات، فلسطینیوں کی حمایت جاری رکھنے پر اتفاق

یہ بھی پڑھیں: اسحاق ڈار کا ایرانی وزیر خارجہ سے رابطہ

تصویر: فائل

دونوں رہنماؤں نے تجارتی مذاکرات میں پیشرفت کا جائزہ لیا۔

واقعات کی اپ ڈیٹس کے لیے واٹس ایپ پر وی نیوز کا ’آفیشل گروپ‘ یا ’آفیشل چینل‘ جوائن کریں

اسحاق ڈار امریکی وزیر خارجہ مارکو روبیو پاکستان امریکا تجارتی مذاکرات واشنگٹن

ذریعہ: WE News

کلیدی لفظ: اسحاق ڈار امریکی وزیر خارجہ مارکو روبیو

پڑھیں:

وزیرِ خارجہ اسحاق ڈار کی توحید حسین سے ملاقات

نیویارک: اسحاق ڈار نے اقوامِ متحدہ میں بنگلہ دیش کے مشیر برائے امور خارجہ توحید حسین سے ملاقات کی۔

مزید :

متعلقہ مضامین

  • اسحاق ڈار کی امریکی وزیرخارجہ سے فون پر گفتگو
  • اسحاق ڈار کا ایرانی وزیر خارجہ سے ٹیلیفونک رابطہ، غزہ بحران پر تبادلہ خیال
"""


def test_urdu_page_keeps_the_article_and_the_second_story_after_a_lone_label() -> None:
    clean = clean_text(URDU_PAGE)

    assert paragraphs(clean) == [
        "اسحاق ڈار نے امریکی وزیر خارجہ مارکو روبیو سے ٹیلیفون پر گفتگو کی۔",
        "دونوں رہنماؤں نے تجارتی مذاکرات میں پیشرفت کا جائزہ لیا۔",
        "وزیرِ خارجہ اسحاق ڈار کی توحید حسین سے ملاقات",
        "نیویارک: اسحاق ڈار نے اقوامِ متحدہ میں بنگلہ دیش کے مشیر برائے امور خارجہ توحید حسین سے ملاقات کی۔",
    ]


def test_embedded_post_keeps_its_text_but_loses_link_residue_and_attribution() -> None:
    raw = (
        "Dar spoke to Rubio on telephone today.\n\n"
        "They discussed key bilateral matters,… pic.twitter.com/HDNX275NYe https://t.co/AbC123\n\n"
        "— Ministry of Foreign Affairs – Pakistan (@ForeignOfficePk) July 28, 2025\n\n"
        "The ministry said the talks were cordial."
    )

    assert paragraphs(clean_text(raw)) == [
        "Dar spoke to Rubio on telephone today.",
        "They discussed key bilateral matters,…",
        "The ministry said the talks were cordial.",
    ]


@pytest.mark.parametrize(
    "teaser",
    [
        "Also read: Dar meets Lavrov",
        "READ MORE",
        "Lire aussi : Dar rencontre Lavrov",
        "Leer más: Dar se reúne con Lavrov",
        "Ayrıca okuyun: Dar Lavrov ile görüştü",
        "Читайте также: Дар встретился с Лавровым",
        "اقرأ أيضا: دار يلتقي لافروف",
        "यह भी पढ़ें: डार ने लावरोव से मुलाकात की",
        "File photo",
        "(File photo)",
        "Source: Dawn",
        "Tags: Ishaq Dar, Marco Rubio",
        "You have entered an incorrect email address! Please enter your email address here",
        "Join our WhatsApp channel for the latest updates",
        "— Jane Doe (@janedoe) August 4, 2025",
        "Dar and Rubio in Washington. — Photo: Reuters",
    ],
)
def test_boilerplate_lines_in_many_languages_are_removed(teaser: str) -> None:
    body = "Ishaq Dar met Sergey Lavrov in Moscow on Tuesday, the Foreign Office said in a statement."

    assert clean_text(f"{body}\n\n{teaser}\n\n{body}") == f"{body}\n\n{body}"


@pytest.mark.parametrize(
    "line",
    [
        "More than 40 delegations attended the summit in Astana.",
        "Sources said the meeting lasted two hours.",
        "مزید برآں دونوں رہنماؤں نے تجارت پر بات کی۔",
        "- The two sides agreed to hold the next round of talks in Islamabad.",
        "Photographs of the meeting were released by the Foreign Office on Monday evening.",
    ],
)
def test_real_paragraphs_that_look_a_little_like_boilerplate_are_kept(line: str) -> None:
    assert clean_text(line) == line


def test_bulleted_headline_lists_are_removed_but_bulleted_sentences_stay() -> None:
    raw = (
        "The minister held talks in Brussels.\n"
        "• Dar meets Kallas in Brussels\n"
        "• Pakistan, EU hold strategic dialogue\n"
        "• The two sides signed a memorandum on migration and agreed to meet again next year."
    )

    assert paragraphs(clean_text(raw)) == [
        "The minister held talks in Brussels.",
        "• The two sides signed a memorandum on migration and agreed to meet again next year.",
    ]


def test_whitespace_is_normalised_inside_lines_and_paragraphs_are_blank_line_separated() -> None:
    raw = "\ufeffFirst  paragraph\twith\u00a0odd   spacing.\r\n   Second paragraph.  \r\n\r\n\r\nThird."

    assert clean_text(raw) == "First paragraph with odd spacing.\n\nSecond paragraph.\n\nThird."


def test_hard_wrapped_lines_are_joined_back_into_their_paragraph() -> None:
    raw = "Dar met Rubio in Washington and the two\nsides discussed trade and investment.\n\nNext."

    assert paragraphs(clean_text(raw)) == [
        "Dar met Rubio in Washington and the two sides discussed trade and investment.",
        "Next.",
    ]


HTML_PAGE = """<!doctype html><html><head><title>Dar meets Rubio</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<main><article><h1>Dar meets Rubio in Washington</h1>
<p>Deputy Prime Minister Ishaq Dar met US Secretary of State Marco Rubio in Washington on Friday,
the Foreign Office said.</p>
<p>The two leaders discussed trade, investment and regional security, and agreed to stay in close
contact over the coming months.</p>
<p>Read more: <a href="/x">Dar calls Iranian FM</a></p>
<h2>Related Articles</h2>
<ul><li><a href="/a">Dar meets Lavrov in Moscow</a></li><li><a href="/b">Dar calls Wang Yi</a></li></ul>
</article></main>
<footer><p>Copyright 2025 Example News. All rights reserved.</p><a href="#">back to top</a></footer>
</body></html>"""


def test_html_article_keeps_paragraphs_and_drops_navigation_footer_and_related_links() -> None:
    clean = clean_text(HTML_PAGE)

    assert (
        "Deputy Prime Minister Ishaq Dar met US Secretary of State Marco Rubio in Washington on Friday, "
        "the Foreign Office said." in paragraphs(clean)
    )
    assert "stay in close contact over the coming months." in clean
    for boilerplate in ("Home", "World", "Read more", "Lavrov", "Wang Yi", "Copyright", "back to top"):
        assert boilerplate not in clean


def test_html_fragment_too_small_for_trafilatura_is_still_rendered() -> None:
    fragment = "<div><p>Dar met Rubio.</p><ul><li>Dar meets Lavrov</li></ul><script>var x = 1;</script></div>"

    assert clean_text(fragment) == "Dar met Rubio."


def test_render_html_text_puts_blocks_on_lines_and_skips_chrome() -> None:
    html = "<nav>Home</nav><h1>Title</h1><p>One &amp; two.</p><ul><li>Item</li></ul><footer>(c)</footer>"

    assert render_html_text(html) == "Title\nOne & two.\n• Item"


def test_is_html_tells_markup_from_plain_text() -> None:
    assert is_html(HTML_PAGE)
    assert is_html("<p>Dar met Rubio.</p>")
    assert not is_html(ENGLISH_PAGE)
    assert not is_html("Tariffs fell to 19 percent, which is < 20 percent.")


def test_cleaning_is_deterministic() -> None:
    assert clean_text(URDU_PAGE) == clean_text(URDU_PAGE)
    assert clean_text(HTML_PAGE) == clean_text(HTML_PAGE)


# --- The seed scrapes ------------------------------------------------------------------------------------


def test_seed_003_loses_teasers_tags_and_related_list_but_keeps_both_stories() -> None:
    clean = clean_text(seed("003"))

    for gone in ("مزید پڑھیں", "متعلقہ مضامین", "•", "کلیدی لفظ", "ذریعہ", "واٹس ایپ", "pic.twitter", "(@"):
        assert gone not in clean
    assert "مصری وزیر خارجہ" not in clean  # headline of a "مزید پڑھیں" teaser
    assert "اسحاق ڈار کا ایرانی وزیر خارجہ سے ٹیلیفونک رابطہ" not in clean  # related-list headline
    assert not any(p in ("پڑھیں:", "مزید :") for p in paragraphs(clean))
    assert any(
        p.startswith("نیویارک (طاہر محمود چوہدری سے)") and "توحید حسین" in p for p in paragraphs(clean)
    )
    assert "Marco Rubio @SecRubio on telephone today." in clean
    assert "نائب وزیر اعظم و وزیر خارجہ اسحاق ڈار نے پیر کی شب" in clean


def test_seed_004_loses_comment_form_and_navigation() -> None:
    clean = clean_text(seed("004"))

    for gone in (
        "Please enter your comment!",
        "Please enter your name here",
        "Related Articles",
        "back to top",
    ):
        assert gone not in clean
    assert paragraphs(clean)[0] == "Ishaq Dar Key Diplomatic Visit to Bishkek"
    assert "Ishaq Dar also had an audience with Kassym-Jomart Tokayev" in clean


def test_seed_001_loses_slogan_and_categories() -> None:
    clean = clean_text(seed("001"))

    assert "Transparent. Unbiased. Yours." not in clean
    assert "Categories" not in clean
    assert "On August 4, 2025, Pakistan's Deputy Prime Minister" in clean


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_paragraphs_are_clean_lines(prefix: str) -> None:
    clean = clean_text(seed(prefix))

    assert clean
    assert "\n\n\n" not in clean
    for paragraph in paragraphs(clean):
        assert paragraph == paragraph.strip()
        assert "\n" not in paragraph
        assert "  " not in paragraph


def test_a_recommended_stories_widget_goes_with_its_counters_and_headlines() -> None:
    raw = (
        "Syria's foreign minister arrived in Abu Dhabi on Monday for talks with his Emirati counterpart.\n\n"
        "Recommended Stories\nlist of 4 items\nlist 1 of 4\n"
        "Turkey's Fidan meets Syria's al-Sharaa in Damascus\nlist 2 of 4\n"
        "Jordan's FM Safadi visits Damascus, meets new Syrian leader\nend of list\n"
    )
    assert clean_text(raw) == (
        "Syria's foreign minister arrived in Abu Dhabi on Monday for talks with his Emirati counterpart."
    )


def test_a_related_header_in_turkish_capitals_heads_its_block() -> None:
    raw = (
        "Dışişleri Bakanı Hakan Fidan, Pakistan Dışişleri Bakanı İshak Dar ile bir araya geldi.\n\n"
        "İLGİLİ HABERLER\nDışişleri Bakanı Fidan, ABD'li mevkidaşı Rubio ile telefonda görüştü\n"
    )
    assert (
        clean_text(raw)
        == "Dışişleri Bakanı Hakan Fidan, Pakistan Dışişleri Bakanı İshak Dar ile bir araya geldi."
    )


@pytest.mark.parametrize(
    ("header", "headline"),
    [
        ("Les plus lus", "1. Sénégal : Ousmane Sonko en visite officielle à Pékin"),
        ("Lo más leído", "Sánchez se reúne con Xi en Pekín"),
        ("الأكثر قراءة", "2. الشيباني يصل إلى الرياض"),
        ("En çok okunanlar", "Erdoğan, Aliyev ile görüştü"),
    ],
)
def test_a_most_read_list_goes_with_its_header(header: str, headline: str) -> None:
    story = "Jeudi, Emmanuel Macron s'est entretenu au téléphone avec Félix Tshisekedi."
    assert clean_text(f"{story}\n\n{header}\n{headline}\n") == story


@pytest.mark.parametrize("label", ["Читайте также", "Read also", "Lire aussi", "यह भी पढ़ें"])
def test_a_teaser_label_alone_on_its_line_takes_the_headlines_under_it(label: str) -> None:
    story = "Президент России Владимир Путин провел телефонный разговор с Си Цзиньпином."
    headlines = "Лавров обсудил по телефону с Рубио подготовку саммита\nПутин принял в Кремле президента ОАЭ"
    raw = f"{story}\n\n{label}\n{headlines}\n"
    assert clean_text(raw) == story
