"""Independent clients for the documents Samenspel makes: LibreOffice, run headless.

The tests of the .docx, the PDF and the XLSX read them back with other software than the one
that wrote them. LibreOffice is a Debian package (`libreoffice-writer-nogui`, installed by
`.ci/run`): where it is missing a test skips with a message, except in CI (env CI set), where
it fails.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def soffice() -> str:
    """The path of LibreOffice's `soffice`, or skip (fail in CI) when it is not installed."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        message = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def convert(source: Path, to: str, workdir: Path) -> tuple[Path, subprocess.CompletedProcess]:
    """Convert `source` headless with LibreOffice (`to`: "pdf", "csv" ...) in a profile of its own.

    Returns the converted file and the finished process (its output holds LibreOffice's words).
    """
    profile = workdir / "lo-profile"
    outdir = workdir / "lo-out"
    outdir.mkdir(exist_ok=True)
    process = subprocess.run(  # noqa: S603 - a fixed program on a file the test made
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "HOME": str(workdir)},
        check=False,
    )
    return outdir / f"{source.stem}.{to.split(':')[0]}", process


# What LibreOffice prints about itself, not about the document: it runs without Java here.
HARMLESS = ("failed to launch javaldx",)


def complaints(process: subprocess.CompletedProcess) -> list[str]:
    """The lines LibreOffice printed on stderr about the document (warnings, errors)."""
    return [line for line in process.stderr.splitlines() if line.strip() and not any(h in line for h in HARMLESS)]
