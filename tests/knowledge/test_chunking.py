"""Documents split into sections by heading, bounded in tokens, with stable ids."""

from assistant.knowledge.chunking import MAX_TOKENS, MIN_TOKENS, chunk_document
from assistant.knowledge.documents import Document, FrontMatter
from assistant.tokenizer import count_tokens

FRONT = FrontMatter(title="Guide title", audience=["mentor"], topics=["feedback"])


def document(body: str) -> Document:
    return Document(path="guide.md", front=FRONT, body=body, fingerprint="0123")


_WORDS = [
    "leaders",
    "listen",
    "while",
    "mentors",
    "speak",
    "honestly",
    "about",
    "work",
    "and",
    "change",
]


def paragraph(seed: str, words: int) -> str:
    """About `words` tokens of plain English, starting with `seed`."""
    return " ".join([seed, *(_WORDS[i % len(_WORDS)] for i in range(words - 1))]) + "."


def test_heading_paths_start_at_the_h1_and_nest() -> None:
    body = (
        "# Guide\n\nIntro.\n\n## Part A\n\n"
        + paragraph("a", 200)
        + "\n\n### Deep\n\n"
        + paragraph("d", 200)
    )
    headings = [chunk.heading for chunk in chunk_document(document(body))]
    assert headings == ["Guide", "Guide > Part A", "Guide > Part A > Deep"]


def test_a_document_without_headings_is_filed_under_its_title() -> None:
    chunks = chunk_document(document("Just one paragraph of advice."))
    assert [(c.heading, c.text) for c in chunks] == [
        ("Guide title", "Just one paragraph of advice.")
    ]


def test_long_sections_are_split_between_paragraphs_under_the_same_heading() -> None:
    body = "# Guide\n\n## Long\n\n" + "\n\n".join(paragraph(f"p{n}x", 120) for n in range(8))
    chunks = chunk_document(document(body))
    assert len(chunks) >= 3
    assert {chunk.heading for chunk in chunks} == {"Guide > Long"}
    assert all(count_tokens(chunk.text) <= MAX_TOKENS for chunk in chunks)
    assert "\n\n".join(chunk.text for chunk in chunks) == body.split("## Long\n\n")[1]


def test_a_paragraph_longer_than_the_bound_is_split_between_sentences() -> None:
    sentences = " ".join(paragraph(f"s{n}x", 40) for n in range(30))
    chunks = chunk_document(document("# Guide\n\n## Wall of text\n\n" + sentences))
    assert len(chunks) > 1
    assert all(count_tokens(chunk.text) <= MAX_TOKENS for chunk in chunks)


def test_short_subsections_fold_into_their_section_and_stay_citable() -> None:
    body = "# Guide\n\n## Steps\n\nFour steps.\n\n### 1. Thank\n\nSay thanks.\n\n### 2. Clarify\n\n"
    body += "Ask."
    [chunk] = chunk_document(document(body))
    assert chunk.heading == "Guide > Steps"
    assert "### 1. Thank" in chunk.text and "Ask." in chunk.text
    assert chunk.covers == (
        "Guide > Steps",
        "Guide > Steps > 1. Thank",
        "Guide > Steps > 2. Clarify",
    )
    assert count_tokens(chunk.text) < MIN_TOKENS


def test_short_sibling_sections_are_not_merged() -> None:
    body = "# Guide\n\nIntro.\n\n## One\n\nFirst.\n\n## Two\n\nSecond."
    headings = [chunk.heading for chunk in chunk_document(document(body))]
    assert headings == ["Guide", "Guide > One", "Guide > Two"]


def test_headings_inside_code_fences_are_text() -> None:
    body = "# Guide\n\n## Template\n\n```\n# not a heading\n```\n"
    [chunk] = chunk_document(document(body))
    assert chunk.heading == "Guide > Template"
    assert "# not a heading" in chunk.text


def test_ids_are_stable_and_change_only_with_their_own_section() -> None:
    body = "# Guide\n\nIntro.\n\n## One\n\nFirst.\n\n## Two\n\nSecond."
    before = [chunk.id for chunk in chunk_document(document(body))]
    assert before == [chunk.id for chunk in chunk_document(document(body))]
    after = [chunk.id for chunk in chunk_document(document(body.replace("Second.", "Changed.")))]
    assert after[:2] == before[:2] and after[2] != before[2]
    assert before[1].startswith("guide.md::Guide > One::")


def test_the_embedded_text_carries_the_heading_path() -> None:
    [chunk] = chunk_document(document("# Guide\n\n## Nerves\n\nBreathe."))
    assert chunk.embedded_text == "Guide > Nerves\n\nBreathe."
