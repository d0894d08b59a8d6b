"""`rmcoach knowledge ingest` and `search`, as a person or a script uses them."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from tests.knowledge.conftest import write_doc


def rmcoach(*args: str, stdin: str | None = None):  # -> click.testing.Result
    return CliRunner().invoke(main, list(args), input=stdin)


def test_ingest_reports_what_it_did(docs: Path) -> None:
    result = rmcoach("knowledge", "ingest", str(docs))
    assert result.exit_code == 0, result.output
    assert "Ingested 3 documents" in result.stdout and "3 added" in result.stdout
    again = rmcoach("knowledge", "ingest", str(docs))
    assert "3 unchanged" in again.stdout and "0 sections embedded" in again.stdout


def test_ingest_skips_a_bad_document_with_file_and_line(docs: Path) -> None:
    (docs / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n")
    result = rmcoach("knowledge", "ingest", str(docs))
    assert result.exit_code == 0
    assert "skipped broken.md:2: front matter is not valid YAML" in result.stderr
    assert "Ingested 3 documents" in result.stdout


def test_ingest_fails_only_when_nothing_could_be_ingested(tmp_path: Path) -> None:
    write_doc(tmp_path / "bad", "a.md", "A", "Text.", topics="[gossip]")
    result = rmcoach("knowledge", "ingest", str(tmp_path / "bad"))
    assert result.exit_code == 1
    assert "skipped a.md:4" in result.stderr
    assert "no document under" in result.stderr
    (tmp_path / "empty").mkdir()
    empty = rmcoach("knowledge", "ingest", str(tmp_path / "empty"))
    assert empty.exit_code == 1
    assert "found no *.md documents" in empty.stderr


def test_search_prints_readable_hits(docs: Path) -> None:
    rmcoach("knowledge", "ingest", str(docs))
    result = rmcoach("knowledge", "search", "pairing someone with their own boss", "-k", "2")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("1. Matching pairs > Reporting lines") and "(score 0." in first
    assert "matching.md · for coordinator · matching" in result.stdout
    assert result.stdout.count("\n2. ") == 1


def test_search_json_has_the_documented_fields(docs: Path) -> None:
    rmcoach("knowledge", "ingest", str(docs))
    result = rmcoach("knowledge", "search", "nerves", "--json", "--topic", "feedback", "-k", "2")
    hits = json.loads(result.stdout)
    assert len(hits) == 2
    for hit in hits:
        assert {"doc", "title", "heading", "topics", "audience", "score", "text"} <= set(hit)
        assert isinstance(hit["topics"], list) and isinstance(hit["audience"], list)
        assert "feedback" in hit["topics"]


def test_search_stdin_answers_one_json_line_per_query(docs: Path) -> None:
    rmcoach("knowledge", "ingest", str(docs))
    result = rmcoach(
        "knowledge", "search", "--stdin", "-k", "1", stdin="reporting lines\n\nlast session\n"
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert [json.loads(line) and json.loads(line)[0]["doc"] for line in lines] == [
        "matching.md",
        [],
        "closing.md",
    ]


def test_first_search_ingests_the_bundled_knowledge_and_says_so(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assistant.locations.bundled_knowledge", lambda: docs)
    result = rmcoach("knowledge", "search", "last session", "-k", "1")
    assert result.exit_code == 0, result.output
    assert "ingesting the bundled knowledge first" in result.stderr
    assert "Closing well > The last session" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--topic", "gossip", "x"], "'gossip' is not one of"),
        (["--audience", "sponsor", "x"], "'sponsor' is not one of"),
        (["--stdin", "x"], "either a QUERY or --stdin"),
        ([], "either a QUERY or --stdin"),
        (["-k", "0", "x"], "-k"),
    ],
)
def test_search_usage_errors_exit_2_before_any_work(args: list[str], message: str) -> None:
    result = rmcoach("knowledge", "search", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_status_says_what_the_store_holds_and_list_shows_it_by_document(docs: Path) -> None:
    empty = rmcoach("knowledge", "status")
    assert empty.exit_code == 0 and "Empty: `rmcoach knowledge ingest` builds it" in empty.stdout
    rmcoach("knowledge", "ingest", str(docs))
    status = json.loads(rmcoach("knowledge", "status", "--json").stdout)
    assert (status["ready"], status["documents"], status["interrupted"]) == (True, 3, None)
    assert status["sections"] == len(json.loads(rmcoach("knowledge", "list", "--json").stdout))
    listed = rmcoach("knowledge", "list", "--topic", "matching")
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.splitlines() == [
        "Matching pairs  (matching.md)",
        "  Reporting lines",
        "  Uneven cohorts",
    ]
