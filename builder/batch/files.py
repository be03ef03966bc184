"""The names of the files a network build reads and writes, known without reading any."""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE = Path("handout.yaml")  # the build configuration, in the folder the build runs in
CLINICS_FILE = "clinics.yaml"  # in the sources folder
REPORT_FILE = "build.json"  # in the output folder: every file and failure, for machines
MANIFEST_FILE = ".handout-manifest.json"  # in the output folder: what each output was built from
