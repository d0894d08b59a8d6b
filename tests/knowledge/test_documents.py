"""Front matter is checked strictly, and every problem names the file, the line and the fix."""

import pytest

from assistant.knowledge.documents import Document, DocumentProblem, parse_document

GOOD = "---\ntitle: Feedback\naudience: [mentor]\ntopics: [feedback]\n---\n\n# Feedback\n\nText.\n"


def problem_in(text: str) -> DocumentProblem:
    result = parse_document("guide.md", text)
    assert isinstance(result, DocumentProblem), result
    return result


def test_valid_front_matter_is_read() -> None:
    document = parse_document("guide.md", GOOD)
    assert isinstance(document, Document)
    assert document.front.title == "Feedback"
    assert document.front.topics == ["feedback"]
    assert document.body.startswith("# Feedback")


def test_missing_title_is_named() -> None:
    problem = problem_in(GOOD.replace("title: Feedback\n", ""))
    assert problem.path == "guide.md"
    assert "'title'" in problem.message


def test_unknown_topic_points_at_its_line_and_lists_the_vocabulary() -> None:
    problem = problem_in(GOOD.replace("topics: [feedback]", "topics:\n  - feedback\n  - feedbak"))
    assert problem.line == 6
    assert "'feedbak' is not a known topic" in problem.message
    assert "psychological-safety" in problem.message


def test_unknown_audience_is_named() -> None:
    problem = problem_in(GOOD.replace("[mentor]", "[mentor, sponsor]"))
    assert problem.line == 3
    assert "'sponsor' is not a known audience" in problem.message


def test_invalid_yaml_gives_the_file_line() -> None:
    problem = problem_in(GOOD.replace("topics: [feedback]", "topics: [feedback"))
    assert problem.line is not None and problem.line >= 4
    assert "not valid YAML" in problem.message


def test_missing_front_matter_says_how_to_start_the_file() -> None:
    problem = problem_in("# Feedback\n\nText.\n")
    assert problem.line == 1
    assert "'---'" in problem.message


def test_unclosed_front_matter_is_reported() -> None:
    problem = problem_in("---\ntitle: Feedback\n\n# Feedback\n")
    assert "never closed" in problem.message


def test_unknown_key_is_rejected_rather_than_ignored() -> None:
    problem = problem_in(GOOD.replace("title: Feedback\n", "title: Feedback\nauthor: Sam\n"))
    assert problem.line == 3
    assert "unknown front matter key 'author'" in problem.message


@pytest.mark.parametrize("empty", ["topics: []", "topics:"])
def test_a_document_needs_at_least_one_topic(empty: str) -> None:
    problem = problem_in(GOOD.replace("topics: [feedback]", empty))
    assert problem.message.startswith("topics")


def test_problem_reads_as_path_line_message() -> None:
    problem = DocumentProblem(path="guide.md", line=4, message="something is wrong")
    assert str(problem) == "guide.md:4: something is wrong"


def test_a_single_value_where_a_list_belongs_shows_the_list_form() -> None:
    problem = problem_in(GOOD.replace("[mentor]", "mentor"))
    assert problem.line == 3
    assert problem.message == "audience must be a list, e.g. 'audience: [first, second]'"
