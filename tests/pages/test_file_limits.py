"""Local files are read within bounds: only regular files, never past the size cap of their kind.

Cases that would exhaust memory if the bound broke run `claimtrack` in a subprocess under an
address-space limit, so that a regression fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from extractors.pages.files import PageFileError, article_from_file
from extractors.pages.limits import MAX_TEXT_BYTES

# Address space for a `claimtrack extract` run: enough for spaCy and a small file (about 1 GB
# measured), far too little to hold a file read whole.
ADDRESS_SPACE = 1536 * 1024 * 1024
SPARSE_SIZE = 64 * 1024 ** 3


def run_bounded(*args: str | Path) -> subprocess.CompletedProcess:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    script = Path(sys.executable).parent / "claimtrack"
    return subprocess.run([str(script), *map(str, args)], capture_output=True, text=True, timeout=120,
                          preexec_fn=limit, env={k: v for k, v in os.environ.items() if k != "CLAIMTRACK_CONFIG"})


def one_line(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 1 and result.stdout == "", result.stderr[-2000:]
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: "), result.stderr[-2000:]
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_without_being_read():
    one_line(run_bounded("extract", "/dev/zero"), "/dev/zero: is a character device, not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []

    def read() -> None:
        try:
            outcome.append(article_from_file(fifo))
        except BaseException as error:  # handed to the test thread below
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # it waits for a writer: give it one, so that the thread ends
        with open(fifo, "wb"):
            pass
        reader.join(timeout=30)
        pytest.fail("reading a FIFO waited for a writer")
    assert isinstance(outcome[0], PageFileError) and "is a FIFO, not a regular file" in str(outcome[0])


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.pdf", "huge"])
def test_a_file_over_the_cap_of_its_kind_is_refused_before_it_is_read(tmp_path, name):
    path = tmp_path / name
    with path.open("wb") as handle:     # sparse: 64 GB that take no disk
        handle.write(b"%PDF-1.7\n" if name.endswith(".pdf") else b"<html><body>")
        handle.truncate(SPARSE_SIZE)
    one_line(run_bounded("extract", path), f"{name}: too_large: file of {SPARSE_SIZE:,} bytes is over the")


def test_a_text_file_has_a_cap_of_its_own(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(b"The core AI industry grew. " * (MAX_TEXT_BYTES // 27) + b"x" * (MAX_TEXT_BYTES % 27))
    assert len(article_from_file(path).text) == MAX_TEXT_BYTES
    with path.open("ab") as handle:
        handle.write(b"!")
    with pytest.raises(PageFileError, match=f"too_large: file of {MAX_TEXT_BYTES + 1:,} bytes is over the "
                                            f"{MAX_TEXT_BYTES:,}-byte cap"):
        article_from_file(path)
