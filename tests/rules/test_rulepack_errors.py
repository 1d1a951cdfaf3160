"""Bad rule packs fail with `file:line:col: [rules.invalid] …` and a hint (Vale's E201)."""
from __future__ import annotations

import pytest

from pipeline.errors import RulePackError
from pipeline.rulepack import load_pack

BAD = [
    # (yaml, expected line:col, fragments of the message)
    ("pack: x\nschema: 1\nchecks:\n  numbering.gap:\n    sevrity: warning\n",
     "5:5", ["sevrity", "có phải “severity”?"]),
    ("pack: x\nschema: 1\nchecks:\n  numbering.gapp:\n    severity: warning\n",
     "4:3", ["numbering.gapp", "numbering.gap"]),
    ("pack: x\nschema: 1\nchecks:\n  numbering.gap:\n    severity: high\n",
     "5:15", ["high", "error, warning, info, off"]),
    ("pack: x\nschema: 1\ndescriptoin: y\n", "3:1", ["descriptoin", "description"]),
    ("pack: x\nschema: 1\nentries:\n  - id: Tong Ket\n    check: deadline.constraint\n"
     "    match: [tổng kết]\n    before: 2021-06-22\n    source: s\n    verified: false\n",
     "4:9", ["Tong Ket", "tong-ket"]),
    ("pack: x\nschema: 1\nentries:\n  - id: a\n    check: deadline.constraint\n"
     "    macth: [tổng kết]\n    before: 2021-06-22\n    source: s\n    verified: false\n",
     "6:5", ["macth", "match"]),
    ("pack: x\nschema: 1\nentries:\n  - id: a\n    check: deadline.constrain\n"
     "    match: [tổng kết]\n    source: s\n    verified: false\n",
     "5:12", ["deadline.constrain", "deadline.constraint"]),
    ("pack: x\nschema: 1\nentries:\n  - id: a\n    check: deadline.constraint\n"
     "    match: [hiệp thương]\n    by: {event: election_dya, days_before: 23}\n"
     "    source: s\n    verified: true\n",
     "7:17", ["election_dya", "event_dates"]),
    ("pack: x\nschema: 1\nentries:\n  - id: a\n    check: numbering.gap\n    source: s\n    verified: true\n",
     "5:12", ["numbering.gap", "không nhận mục"]),
    ("pack: x\nschema: 1\nentries:\n  - id: a\n    check: deadline.constraint\n"
     "    match: [x]\n    before: 2021-02-30\n    source: s\n    verified: true\n",
     "7:13", ["YYYY-MM-DD"]),
    ("pack: x\nschema: 1\nentries:\n  - id: a\n    check: deadline.constraint\n"
     "    match: [x]\n    before: 2021-06-22\n    source: s\n    verified: yes please\n",
     "9:15", ["true hoặc false"]),
    ("pack: x\nschema: 1\nentries:\n  - id: a\n    check: deadline.constraint\n"
     "    match: [x]\n    source: s\n    verified: true\n",
     "4:5", ["before", "by"]),
]


@pytest.mark.parametrize("text, where, fragments", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_rulepack_errors_point_at_file_line_col(text, where, fragments, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_pack(path, display="rules/bad.yaml")
    msg = err.value.message
    assert msg.startswith(f"rules/bad.yaml:{where}: [rules.invalid] "), msg
    for frag in fragments:
        assert frag in msg, msg
    assert "\n" not in msg


def test_rulepack_errors_yaml_syntax(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("pack: x\nschema: [1\n", encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_pack(path, display="rules/bad.yaml")
    assert err.value.message.startswith("rules/bad.yaml:")


def test_rulepack_off_switches_a_check_off(tmp_path):
    from pipeline.rulepack import load_packs
    path = tmp_path / "mine.yaml"
    path.write_text("pack: mine\nschema: 1\nchecks:\n  text.repeated_word: {severity: off}\n", encoding="utf-8")
    assert load_packs([path]).severity("text.repeated_word", "warning") == "off"


def test_rulepack_cli_reports_invalid_pack(tmp_path, capsys):
    from pipeline.cli import main
    path = tmp_path / "bad.yaml"
    path.write_text("pack: x\nschema: 1\nchecks:\n  numbering.gap:\n    sevrity: warning\n", encoding="utf-8")
    code = main(["--rules", str(path), "rules"])
    assert code == 2
