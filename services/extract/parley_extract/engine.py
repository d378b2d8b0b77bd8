"""``extract(article) -> list[EngagementExtracted]``: every engagement an article reports.

The pipeline, each step in its own module:

1. clean the text (``cleaning``) and find its anchor date (``published_at``, else ``dates.find_anchor``);
2. split sentences and tell their language (``segment``);
3. in each sentence find people (``mentions``), places, organisations, dates and triggers
   (``candidates``), and turn each trigger into a draft engagement (``drafts``);
4. fold drafts that report the same engagement into one and fill what one mention leaves
   out from the rest of the article (``assemble``).

Pure and deterministic: no I/O beyond reading the package's own data files once.
"""

from __future__ import annotations

from datetime import date, datetime

from parley_shared.schemas import Article, EngagementExtracted

from parley_extract.actors import knowledge_base
from parley_extract.assemble import assemble
from parley_extract.cleaning import clean_text
from parley_extract.countries import country_lexicon
from parley_extract.dates import find_anchor
from parley_extract.drafts import DraftBuilder
from parley_extract.language import latin_identifier
from parley_extract.lexicon import LANGUAGES, lexicon
from parley_extract.organisations import organisation_lexicon
from parley_extract.places import gazetteer
from parley_extract.segment import split_sentences
from parley_extract.topics import topic_index


def load() -> None:
    """Load the knowledge base and build every lexicon now, not on the first article that needs
    each: a service pays for them at start-up, and no article of a new language is slow."""
    knowledge_base()
    gazetteer()
    country_lexicon()
    organisation_lexicon()
    latin_identifier()
    for language in (None, *LANGUAGES):
        lexicon(language)
        topic_index(language)


def anchor_date(article: Article) -> date | None:
    published = article.published_at
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return find_anchor(article.text)


def cleaned_article_text(article: Article) -> str:
    """The text evidence offsets point into: the title (unless the body opens with it), then the body."""
    body = clean_text(article.text)
    title = " ".join((article.title or "").split())
    if title and title.casefold() not in body[: len(title) + 200].casefold():
        return f"{title}\n\n{body}"
    return body


def extract(article: Article) -> list[EngagementExtracted]:
    text = cleaned_article_text(article)
    anchor = anchor_date(article)
    sentences = split_sentences(text, article.language)
    drafts = DraftBuilder(text, sentences, anchor).build()
    return assemble(article, text, drafts, anchor)
