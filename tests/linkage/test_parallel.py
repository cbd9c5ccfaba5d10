import os
from pathlib import Path

import pytest

from parley import parallel
from parley.imports import ImportRefused
from parley.linkage.files import read_list, read_lists
from parley.parallel import in_halves, in_threaded_halves, side_by_side


def squares(items: list[int]) -> list[int]:
    return [i * i for i in items]


def test_in_halves_gives_what_one_process_gives() -> None:
    items = list(range(parallel.SPLIT_FROM + 7))
    assert in_halves(squares, items) == squares(items)


def test_threaded_halves_cover_the_rows_once_in_order() -> None:
    def rows(low: int, high: int) -> list[int]:
        return list(range(low, high))

    assert in_threaded_halves(7, rows, threaded=False) == [list(range(7))]
    assert in_threaded_halves(7, rows, threaded=True) == [[0, 1, 2], [3, 4, 5, 6]]
    assert len(in_threaded_halves(parallel.THREADED_FROM, rows)) == 2


def test_side_by_side_runs_the_second_in_another_process() -> None:
    here, there = side_by_side(os.getpid, os.getpid)
    assert here == os.getpid()
    if parallel._second_cpu():
        assert there != here


def test_a_failing_helper_is_done_again_here() -> None:
    calls = []
    parent = os.getpid()

    def fails_in_the_helper() -> str:
        calls.append(os.getpid())
        if os.getpid() != parent:
            raise RuntimeError("helper died")
        return "done here"

    assert side_by_side(lambda: 1, fails_in_the_helper) == (1, "done here")
    assert calls == [parent]  # the helper's own attempt left no trace in this process


def test_one_process_when_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_WORKERS", "1")
    assert side_by_side(os.getpid, os.getpid) == (os.getpid(), os.getpid())


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_read_lists_reads_both(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.csv", "id,family_name,given_name\n1,Коваленко,Олександр\n")
    b = _write(tmp_path / "b.csv", "id,family_name,given_name\n7,Коваленко,Александр\n")
    left, right = read_lists(a, b)
    assert left.equals(read_list(a)) and right.equals(read_list(b))


def test_read_lists_refuses_a_bad_registry_by_name(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.csv", "id,family_name,given_name\n1,Коваленко,Олександр\n")
    b = _write(tmp_path / "held.csv", "id,family_name\n7,Коваленко\n")
    with pytest.raises(ImportRefused, match=r"held\.csv"):
        read_lists(a, b)


def test_read_lists_names_the_request_list_first_when_both_are_bad(tmp_path: Path) -> None:
    a = _write(tmp_path / "asked.csv", "id,family_name\n1,Коваленко\n")
    b = _write(tmp_path / "held.csv", "id,family_name\n7,Коваленко\n")
    with pytest.raises(ImportRefused, match=r"asked\.csv"):
        read_lists(a, b)


def test_in_two_threads_gives_what_one_gives() -> None:
    from parley.parallel import in_two_threads

    assert in_two_threads(lambda: squares([1, 2]), lambda: squares([3])) == ([1, 4], [9])


def test_halves_in_threads_block_and_compare_as_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from parley.linkage import blocking
    from parley.linkage import compare as compare_module
    from parley.linkage.prepare import frame_of, known_names, prepare
    from parley.synth import synth_lists

    link_module = importlib.import_module("parley.linkage.link")
    lists = synth_lists(6, 0.1).ru
    frames = frame_of(lists.requests), frame_of([r.person for r in lists.registry])
    known = known_names(frames)
    a, b = prepare(frames[0], known), prepare(frames[1], known)
    whole = blocking.candidate_pairs(a, b)
    compare_module.ready(a)
    compare_module.ready(b)
    compared = link_module._compared(a, b, *whole)
    monkeypatch.setattr(parallel, "THREADED_FROM", 1)
    halves = blocking.candidate_pairs(a, b)
    assert all((x == y).all() for x, y in zip(whole, halves, strict=True))
    in_threads = link_module._compared(a, b, *halves)
    assert (in_threads.swapped == compared.swapped).all()
    for field, level in compared.levels.items():
        assert (in_threads.levels[field] == level).all()


def test_each_in_two_threads_gives_the_results_in_order() -> None:
    items = list(range(9))
    assert parallel.each_in_two_threads(lambda k: k * k, items) == [k * k for k in items]
    assert parallel.each_in_two_threads(lambda k: k, []) == []
