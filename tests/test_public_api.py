"""The public surface: every exported name resolves, and settings are documented."""

from __future__ import annotations

import subprocess
import sys

import storyline
from storyline.options import HELP, BriefOptions, documented_settings


def test_every_export_resolves() -> None:
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None, name


def test_api_round_trip() -> None:
    from storyline import BriefOptions, RawDocument, build_brief, render_brief

    doc = RawDocument("a.txt", "The harbour bridge reopened to traffic on Monday after ten weeks of cable repairs.")
    brief = build_brief([doc], BriefOptions(words=30))
    assert "reopened" in render_brief(brief, "md")
    assert callable(storyline.summarize_sentences)


def test_every_setting_has_help() -> None:
    assert documented_settings() == list(BriefOptions.__dataclass_fields__)
    assert all(HELP[name].strip() for name in documented_settings())


def test_cli_import_stays_light() -> None:
    code = "import sys, storyline.cli; print(' '.join(m for m in ('trafilatura', 'rouge_score', 'sumy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
