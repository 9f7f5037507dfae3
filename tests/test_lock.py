"""The interview lock: exactly one of two processes that try at the same moment gets it, also
when both find the same stale lock; and a stale lock is recovered."""

from __future__ import annotations

import multiprocessing as mp
import os
import socket
import sys
import time
from collections import Counter
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest

from hria.interview.lock import InterviewLock, LockedError

ROUNDS = 300
DEAD = 999_999_999  # above any pid_max: no such process
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locking")


def _contend(folder: str, barrier: Barrier, results: Any) -> None:
    """One of two racers: in every round, try the lock of a fresh file the moment both are
    ready, report, and keep holding a won lock until the other has tried too."""
    for number in range(ROUNDS):
        lock = InterviewLock(Path(folder) / f"a{number}.hria.yaml")
        barrier.wait(timeout=20)
        try:
            lock.acquire()
            outcome = "won"
        except LockedError:
            outcome = "refused"
        except Exception as error:  # what used to escape as exit 3
            outcome = repr(error)
        results.put((number, outcome))
        barrier.wait(timeout=20)


def race(folder: Path) -> Counter[str]:
    """ROUNDS races of two processes; how many rounds ended which way."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    racers = [ctx.Process(target=_contend, args=(str(folder), barrier, results)) for _ in "ab"]
    for racer in racers:
        racer.start()
    rounds: dict[int, list[str]] = {}
    for _ in range(2 * ROUNDS):
        number, outcome = results.get(timeout=30)
        rounds.setdefault(number, []).append(outcome)
    for racer in racers:
        racer.join(timeout=30)
        assert racer.exitcode == 0
    return Counter("+".join(sorted(outcomes)) for outcomes in rounds.values())


def stale_lock(folder: Path, name: str, pid: int = DEAD, host: str | None = None) -> Path:
    lock = folder / f".{name}.lock"
    lock.write_text(f"{pid}\n{host or socket.gethostname()}\n", encoding="utf-8")
    return lock


@pytest.mark.slow
def test_exactly_one_of_two_racing_processes_gets_the_lock(tmp_path: Path) -> None:
    assert race(tmp_path) == {"refused+won": ROUNDS}


@pytest.mark.slow
def test_exactly_one_of_two_processes_racing_for_a_stale_lock_gets_it(tmp_path: Path) -> None:
    for number in range(ROUNDS):
        stale_lock(tmp_path, f"a{number}.hria.yaml")
    assert race(tmp_path) == {"refused+won": ROUNDS}


def test_a_lock_names_its_holder_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "a.hria.yaml"
    first, second = InterviewLock(target), InterviewLock(target)
    first.acquire()
    assert first.path.read_text(encoding="utf-8").split()[:2] == [
        str(os.getpid()),
        socket.gethostname(),
    ]
    with pytest.raises(LockedError, match=f"process {os.getpid()}"):
        second.acquire()
    assert [p.name for p in tmp_path.iterdir()] == [".a.hria.yaml.lock"]
    second.release()
    assert first.path.exists(), "releasing a lock one does not hold does nothing"
    first.release()
    assert list(tmp_path.iterdir()) == []


def test_a_stale_lock_is_recovered(tmp_path: Path) -> None:
    target = tmp_path / "a.hria.yaml"
    stale_lock(tmp_path, target.name)
    lock = InterviewLock(target)
    lock.acquire()
    assert lock.path.read_text(encoding="utf-8").split()[0] == str(os.getpid())
    lock.release()


def test_a_lock_of_a_live_process_or_another_host_is_not_taken(tmp_path: Path) -> None:
    target = tmp_path / "a.hria.yaml"
    held = stale_lock(tmp_path, target.name, pid=os.getppid())
    with pytest.raises(LockedError):
        InterviewLock(target).acquire()
    stale_lock(tmp_path, target.name, host="elsewhere.example")
    with pytest.raises(LockedError, match=r"on elsewhere\.example"):
        InterviewLock(target).acquire()
    assert held.exists()


def test_a_lock_without_an_owner_is_stale_only_once_it_is_old(tmp_path: Path) -> None:
    target = tmp_path / "a.hria.yaml"
    empty = tmp_path / ".a.hria.yaml.lock"
    empty.write_bytes(b"")  # an old hria, killed between creating the lock and writing it
    with pytest.raises(LockedError, match="starting"):
        InterviewLock(target).acquire()
    then = time.time() - 60
    os.utime(empty, (then, then))
    InterviewLock(target).acquire()


def test_release_leaves_a_lock_that_is_no_longer_ours(tmp_path: Path) -> None:
    target = tmp_path / "a.hria.yaml"
    lock = InterviewLock(target)
    lock.acquire()
    lock.path.unlink()  # removed by hand, and taken by another interview
    other = stale_lock(tmp_path, target.name, pid=os.getppid())
    lock.release()
    assert other.exists()
