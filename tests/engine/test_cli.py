"""`rumorbot match` and `rumorbot eval` as a user runs them: a real process, files in, lines out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUMORBOT = [str(Path(sys.executable).with_name("rumorbot"))]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*RUMORBOT, *args], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )


def write_items(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


ITEMS = [
    {
        "id": "a",
        "title": "北汽蓝谷回应为小米代工传闻：未收到相关信息",
        "summary": "",
        "link": "https://x.example/a",
        "source": "ithome",
        "published": "2023-10-19T20:00:00+08:00",
    },
    {
        "id": "b",
        "title": "Xiaomi launches new phone",
        "summary": "",
        "link": "",
        "source": "",
        "published": "",
    },
]


def test_match_with_toml_claims(tmp_path: Path) -> None:
    """One JSON line per match, with the contract's keys; nothing for an unrelated item."""
    result = run(
        "match", "--claims", "config/example.toml", "--items", str(write_items(tmp_path / "i.jsonl", ITEMS))
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert (result.returncode, [(r["item"], r["claim"], r["stance"], r["official"]) for r in lines]) == (
        0,
        [("a", "xiaomi-baic-oem", "refutes", True)],
    )
    assert {"item", "claim", "score", "stance", "official", "evidence"} <= set(lines[0])
    assert result.stderr == ""


def test_match_with_jsonl_claims(tmp_path: Path) -> None:
    """Claims as JSONL with only id and text work."""
    claims = tmp_path / "c.jsonl"
    claims.write_text(json.dumps({"id": "c1", "text": "The city council banned electric scooters"}) + "\n")
    items = write_items(
        tmp_path / "i.jsonl",
        [
            {
                "id": "1",
                "title": "City council bans electric scooters",
                "summary": "",
                "link": "",
                "source": "",
                "published": "",
            }
        ],
    )
    result = run("match", "--claims", str(claims), "--items", str(items))
    assert [json.loads(line)["claim"] for line in result.stdout.splitlines()] == ["c1"]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """A broken file gives one line on stderr naming it, exit code 2, no traceback."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "title": "x"}\nnot json\n')
    for args in (
        ("--claims", "config/example.toml", "--items", str(bad)),
        ("--claims", str(tmp_path / "missing.toml"), "--items", str(bad)),
        ("--claims", str(bad), "--items", str(bad)),
    ):
        result = run("match", *args)
        assert (result.returncode, len(result.stderr.strip().splitlines())) == (2, 1)
        assert "Traceback" not in result.stderr


def test_eval_prints_labeled_figures() -> None:
    """`rumorbot eval` prints match and stance figures."""
    result = run("eval")
    assert result.returncode == 0
    assert "match: p=" in result.stdout
    assert "stance macro" in result.stdout


def test_eval_checkthat_without_data_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Pointing `rumorbot eval checkthat` at a folder without the data set fails cleanly."""
    result = run("eval", "checkthat", "--data", str(tmp_path))
    assert (result.returncode, len(result.stderr.strip().splitlines())) == (2, 1)


def test_eval_headlines_prints_dev_figures() -> None:
    """`rumorbot eval headlines` prints match and stance figures of the dev half."""
    result = run("eval", "headlines")
    assert (result.returncode, result.stdout.startswith("headlines dev: n=")) == (0, True)


def test_eval_headlines_rejects_checkthat_splits() -> None:
    """The headline set has dev and heldout halves only; another split is one line and exit 2."""
    result = run("eval", "headlines", "--split", "test")
    assert (result.returncode, len(result.stderr.strip().splitlines())) == (2, 1)


def test_eval_zh_prints_both_splits_and_the_bigram_baseline() -> None:
    """`rumorbot eval zh` prints the engine and the bigram matcher on dev and heldout, and the threshold."""
    result = run("eval", "zh")
    lines = result.stdout.rstrip().splitlines()
    heads = [line.split(":")[0] for line in lines if not line.startswith(" ")]
    assert (result.returncode, heads[:4]) == (
        0,
        ["zh dev engine", "zh dev bigram", "zh heldout engine", "zh heldout bigram"],
    )
    assert (lines[0].count("false-alerts="), lines[-1].startswith("bigram threshold=")) == (1, True)
