"""From a scraped page (HTML or plain text) to the article's own text, one paragraph per block.

Everything that is not the article (navigation, comment forms, share buttons, teaser links to other
stories, related-article lists, photo credits, tags, embedded posts' attribution lines) is removed so that
nothing in it can later be read as an engagement. The filter works line by line and is conservative: a
line is dropped only when it carries a boilerplate marker, or is a short headline-like line whose whole
neighbourhood is boilerplate.
"""

import re
from collections.abc import Sequence
from enum import Enum, auto
from html.parser import HTMLParser

import trafilatura

PARAGRAPH_SEPARATOR = "\n\n"

# --- Marker phrases (lower case; any language may be added without touching the logic) -------------

# A line starting with one of these, followed by a separator or nothing, is a label, a teaser link, a
# credit or a keyword list: the whole line goes, and only that line (a lone "پڑھیں:" may head a real
# second article, which stays).
_TEASER_LABELS = (
    "read more", "read also", "also read", "see also", "must read", "recommended", "more",
    "lire aussi", "à lire aussi", "a lire aussi", "voir aussi",
    "leer más", "lee también", "lea también", "te puede interesar",
    "ayrıca okuyun", "ayrıca bakınız", "bunu da okuyun", "ilginizi çekebilir",
    "читайте также", "смотрите также", "читать также",
    "اقرأ أيضا", "اقرأ أيضاً", "اقرأ ايضا", "إقرأ أيضا",
    "यह भी पढ़ें", "ये भी पढ़ें", "और पढ़ें", "इसे भी पढ़ें",
)  # fmt: skip
_LINE_LABELS = (
    # teaser links to other stories
    *_TEASER_LABELS,
    # (Urdu pages put a lone "پڑھیں:" also before a second story of their own, headline first)
    "مزید پڑھیں", "یہ بھی پڑھیں", "پڑھیں", "مزید",
    # photo credits
    "photo", "photos", "file photo", "photo credit", "photo credits", "image", "picture", "courtesy",
    "crédit photo", "foto", "fotoğraf", "фото", "صورة", "फोटो", "تصویر", "فوٹو", "فائل فوٹو",
    # sources, tags, categories
    "source", "sources", "tags", "tag", "keywords", "topics", "categories", "category", "filed under",
    "mots-clés", "étiquettes", "fuente", "etiquetas", "kaynak", "etiketler", "источник", "теги",
    "المصدر", "الوسوم", "كلمات مفتاحية", "स्रोत", "टैग", "ذریعہ", "کلیدی لفظ", "کلیدی الفاظ", "ٹیگز",
)  # fmt: skip

# Whole lines (compared without case and punctuation) that are site chrome or comment forms.
_CHROME_LINES = (
    "back to top", "scroll to top", "skip to content", "skip to main content", "menu", "home", "search",
    "advertisement", "sponsored", "subscribe", "sign in", "log in", "login", "register", "loading",
    "leave a reply", "leave a comment", "post a comment", "comments", "cancel reply",
    "please enter your comment", "please enter your name here",
    "you have entered an incorrect email address please enter your email address here",
    "save my name email and website in this browser for the next time i comment",
    "next article", "previous article", "next post", "previous post", "follow us",
    "اشتہار", "تبصرے", "تبصرہ کریں", "اپنی رائے دیں", "publicité", "publicidad", "reklam", "реклама",
)  # fmt: skip

# Headers of "related stories" blocks: the header and the headline-like lines under it go.
_RELATED_HEADERS = (
    "related", "related articles", "related posts", "related news", "related stories", "related content",
    "you may also like", "you might also like", "more stories", "more news", "recommended for you",
    "read next", "most read", "most popular", "trending", "latest news", "popular posts",
    "recommended stories", "more on this story", "related coverage", "in other news",
    "متعلقہ مضامین", "متعلقہ خبریں", "مزید خبریں", "articles similaires", "sur le même sujet",
    "noticias relacionadas", "artículos relacionados", "ilgili haberler", "benzer haberler",
    "похожие новости", "по теме", "مقالات ذات صلة", "أخبار ذات صلة", "संबंधित खबरें", "संबंधित ख़बरें",
    # most-read lists
    "les plus lus", "les plus lues", "les plus populaires", "lo más leído", "lo más visto", "más leídas",
    "más leído", "en çok okunanlar", "çok okunanlar", "en çok okunan", "самое читаемое", "самое популярное",
    "الأكثر قراءة", "الأكثر مشاهدة", "सबसे ज्यादा पढ़ी गई", "सर्वाधिक पढ़ी गई", "سب سے زیادہ پڑھی جانے والی",
    "مقبول خبریں",
)  # fmt: skip

# A line made only of these words is a row of share buttons.
_SHARE_WORDS = frozenset({
    "share", "shares", "sharing", "this", "article", "on", "via", "tweet", "facebook", "twitter", "x",
    "whatsapp", "telegram", "linkedin", "pinterest", "reddit", "email", "e", "mail", "print", "copy", "link",
    "messenger", "شیئر", "کریں", "partager", "compartir", "paylaş", "поделиться", "مشاركة", "शेयर", "करें",
})  # fmt: skip

# Messaging-app join prompts: a messenger name together with a call to join or follow.
_MESSENGERS = re.compile(
    r"whats\s?app|telegram|google news|واٹس\s?ایپ|ٹیلی\s?گرام|واتساب|تيليجرام|व्हाट्सएप|टेलीग्राम", re.I
)
_JOIN_WORDS = re.compile(
    r"\bjoin|\bfollow|\bsubscribe|\bclick|جوائن|فالو|سبسکرائب|rejoignez|abonnez|únete|síguenos|katıl|"
    r"takip|подпиш|присоедин|انضم|تابع|जुड़|फॉलो",
    re.I,
)

# --- Shapes ------------------------------------------------------------------------------------------

_BULLET = re.compile(r"^[•●▪◦·■►▸»›→*\-–]\s+")
# Attribution line of an embedded tweet/post: "— Ministry of Foreign Affairs (@ForeignOfficePk) July 28";
# the match ends after the handle, where the post's date begins.
EMBED_ATTRIBUTION = re.compile(r"^(?:[—–-]+\s*.{1,200}?\(@\w{1,30}\)|a post shared by\b)", re.I)
# Link residues that embedded posts leave inside otherwise real text.
_LINK_RESIDUE = re.compile(r"[^\S\n]*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)")
# A caption credit at the end of a line: "... in Washington. — Photo: APP".
_TRAILING_CREDIT = re.compile(
    r"(?:[—–|(]|\s-)\s*(?:file\s+)?(?:photo|image|picture|foto|фото|صورة|फोटो|تصویر|فوٹو)\b[^.۔]{0,60}$",
    re.I,
)
_SENTENCE_FINAL = (".", "۔", "।", "…")
_SLOGAN_FRAGMENT_SPLIT = re.compile(r"[.!|•·]+")
# Runs of horizontal whitespace other than a lone space (matching every single space would be slow).
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]{2,}|[^\S \n]")
# Line breaks other than "\n", and invisible characters that only get in the way of matching.
_LINE_BREAK_REPLACEMENTS = (
    ("\r\n", "\n"),
    ("\r", "\n"),
    ("\u2028", "\n"),
    ("\u2029", "\n"),
    ("\u200b", ""),
    ("\ufeff", ""),
)
_NON_WORD = re.compile(r"[\W_]+")
_LOWERCASE_START = re.compile(r"^[a-zà-öø-ÿа-я]")

# Headline-like: short and not closed like a sentence.
_HEADLINE_MAX_WORDS = 20
_CAPTION_MAX_WORDS = 40
_PROMPT_MAX_WORDS = 60
# A line this long is article prose: it ends the page's opening chrome and any related-stories block.
_BODY_MIN_WORDS = 12


def _phrase_alternation(phrases: Sequence[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)


_LABEL_LINE = re.compile(
    rf"^[^\w@#]*(?:{_phrase_alternation(_LINE_LABELS)})(?:\s*[:：)\]»›]|\s+[-–—|]\s|\s*$)", re.I
)


def _normalised_key(line: str) -> str:
    # casefold turns Turkish "İ" into "i" and a combining dot, which would split "İLGİLİ" in three
    return _NON_WORD.sub(" ", line.casefold().replace("\u0307", "")).strip()


_CHROME_KEYS = frozenset(_normalised_key(line) for line in _CHROME_LINES)
# A teaser label alone on its line ("Читайте также") heads a list of headlines, as a related header does
_RELATED_KEYS = frozenset(_normalised_key(line) for line in (*_RELATED_HEADERS, *_TEASER_LABELS))

_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|section|p|br|span|h[1-6]|ul|ol|li|a|img|meta)[\s>/]",
    re.I,
)


def is_html(raw: str) -> bool:
    """True when the input is markup (a page or a fragment) rather than plain text."""
    return _HTML_TAG.search(raw, 0, 20_000) is not None


def clean_text(raw: str) -> str:
    """Main text of an article: HTML goes through trafilatura (keep paragraphs, no comments/tables of links);
    plain text goes through a boilerplate filter. Paragraphs separated by a blank line ('\n\n'); whitespace
    normalised inside lines. Deterministic."""
    text = _html_article_text(raw) if is_html(raw) else raw
    lines = _normalised_lines(text)
    keep = _keep_mask(lines)
    return PARAGRAPH_SEPARATOR.join(line for line, kept in zip(lines, keep, strict=True) if kept)


# --- HTML ----------------------------------------------------------------------------------------------


def _html_article_text(html: str) -> str:
    extracted = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True, deduplicate=False
    )
    if extracted and extracted.strip():
        return extracted
    # Precision mode gives up on short or oddly built pages; a plain rendering loses nothing silently.
    return render_html_text(html)


class _BlockRenderer(HTMLParser):
    """Text of the page's block elements, one per line; chrome containers skipped, list items bulleted."""

    _SKIPPED = frozenset({
        "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
        "iframe", "button", "select",
    })  # fmt: skip
    _BLOCKS = frozenset({
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "br", "tr", "section",
        "article", "figcaption", "dd", "dt", "pre", "ul", "ol",
    })  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buffer: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skip_depth += 1
        elif tag in self._BLOCKS:
            self._flush()
            if tag == "li":
                self._buffer.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        line = "".join(self._buffer).strip()
        if line and line != "•":
            self.lines.append(line)
        self._buffer = []


def render_html_text(html: str) -> str:
    """Plain rendering of markup: one line per block element, chrome containers (nav, footer...) left out."""
    renderer = _BlockRenderer()
    renderer.feed(html)
    renderer.close()
    return "\n".join(renderer.lines)


# --- Lines ---------------------------------------------------------------------------------------------


_LIST_WIDGET = re.compile(r"^(?:list(?: of)? \d+(?: of \d+| items?)?|end of list)$", re.IGNORECASE)


def _normalised_lines(text: str) -> list[str]:
    """Non-empty lines with inner whitespace collapsed and link residues removed; hard-wrapped lines
    (no closing punctuation, next line in the same block starting in lower case) are joined back."""
    for old, new in _LINE_BREAK_REPLACEMENTS:
        text = text.replace(old, new)
    text = _HORIZONTAL_SPACE.sub(" ", _LINK_RESIDUE.sub("", text))
    lines: list[str] = []
    continues_previous = False
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line or _LIST_WIDGET.match(line):
            continues_previous = False  # "list 2 of 4" between related headlines: residue of a widget
            continue
        if continues_previous and _LOWERCASE_START.match(line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        continues_previous = not lines[-1].endswith((*_SENTENCE_FINAL, "!", "?", ":"))
    return lines


class _Kind(Enum):
    TEXT = auto()
    BOILERPLATE = auto()
    RELATED_HEADER = auto()


def _keep_mask(lines: list[str]) -> list[bool]:
    kinds = [_line_kind(line) for line in lines]
    keep = [kind is _Kind.TEXT for kind in kinds]
    _drop_related_blocks(lines, kinds, keep)
    _drop_opening_slogans(lines, keep)
    _drop_headlines_inside_boilerplate(lines, kinds, keep)
    return keep


def _line_kind(line: str) -> _Kind:
    words = line.split()
    # Headers, chrome and share rows are short; normalising long paragraphs to compare them is wasted work.
    key = _normalised_key(line) if len(words) <= _HEADLINE_MAX_WORDS else line
    if key in _RELATED_KEYS:
        return _Kind.RELATED_HEADER
    if (
        not key
        or key in _CHROME_KEYS
        or _LABEL_LINE.match(line)
        or EMBED_ATTRIBUTION.match(line)
        or all(word in _SHARE_WORDS for word in key.split())
        or (_BULLET.match(line) and _is_headline_like(line))
        or (len(words) <= _CAPTION_MAX_WORDS and _TRAILING_CREDIT.search(line))
        or (len(words) <= _PROMPT_MAX_WORDS and _MESSENGERS.search(line) and _JOIN_WORDS.search(line))
    ):
        return _Kind.BOILERPLATE
    return _Kind.TEXT


def _is_headline_like(line: str) -> bool:
    return len(line.split()) <= _HEADLINE_MAX_WORDS and not line.endswith(_SENTENCE_FINAL)


def _is_body_paragraph(line: str) -> bool:
    return len(line.split()) >= _BODY_MIN_WORDS


def _drop_related_blocks(lines: list[str], kinds: list[_Kind], keep: list[bool]) -> None:
    """Under a related-stories header, headline-like lines go until the first line of prose."""
    in_block = False
    for index, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind is _Kind.RELATED_HEADER:
            in_block = True
        elif in_block and kind is _Kind.TEXT:
            if _is_headline_like(line):
                keep[index] = False
            else:
                in_block = False


def _drop_opening_slogans(lines: list[str], keep: list[bool]) -> None:
    """Before the first paragraph of prose, drop site slogans such as "Transparent. Unbiased. Yours."."""
    for index, line in enumerate(lines):
        if _is_body_paragraph(line):
            return
        if keep[index] and _is_slogan(line):
            keep[index] = False


def _is_slogan(line: str) -> bool:
    fragments = [f.split() for f in _SLOGAN_FRAGMENT_SPLIT.split(line) if f.strip()]
    return (
        len(fragments) >= 2
        and all(len(words) <= 2 for words in fragments)
        and not any(char.isdigit() for char in line)
    )


def _drop_headlines_inside_boilerplate(lines: list[str], kinds: list[_Kind], keep: list[bool]) -> None:
    """A short headline-like line with boilerplate on both sides (an untitled tag row between a join
    prompt and a source line, say) belongs to that boilerplate."""
    boilerplate = [not kept for kept in keep]
    for index in range(1, len(lines) - 1):
        if (
            kinds[index] is _Kind.TEXT
            and boilerplate[index - 1]
            and boilerplate[index + 1]
            and _is_headline_like(lines[index])
        ):
            keep[index] = False
