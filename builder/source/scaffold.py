"""`handout new NAME`: a new material from a commented template that builds as it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builder.errors import SourceError
from builder.model import Location
from builder.output import write_atomic
from builder.source.fields import SAFE_ID

TEMPLATE = """\
# A new patient-education material. Every key is explained in docs/source-format.md.
# Build it with:  handout build sources/{name}.yaml
material:
  id: {name}                      # names the output files: lower case, digits, hyphens
  title: {title}
  subtitle: What it is, what is known, and what to ask
  audience: Adults who want to know more about this treatment
  language: en-US
  version: "0.1"
  author: Patient Education Team
  organisation: "{{{{ clinic.name }}}}"
  reviewed: {today}
  review_by: {next_year}

variables:                        # used in any text as {{{{ clinic.phone }}}}
  clinic:
    name: Your Clinic
    phone: (555) 010-0000
    website: https://www.example.org

sections:                         # shared by the deck and every condition's brochure
  - id: what-it-is
    title: What is this treatment?
    notes: Speaker notes for this slide go here.
    blocks:
      - point:                    # a short slide bullet and fuller brochure prose
          slide: One short line for the slide
          handout: One or two plain sentences for the brochure, written for the reader.
      - key_figure: {{value: "1 in 5", label: adults this figure is about}}
        cite: example-source

  - insert: conditions            # each condition's own sections come here

  - id: evidence
    title: What does the research show?
    blocks:
      - status:
          text: Say plainly what is proven, what is not, and who regulates it.
          as_of: {today}
      - questions:
          title: Questions to ask your doctor
          items:
            - Is this treatment routine for my condition?
            - What are the other options?

  - id: risks-and-options         # the review rules (rules/review.yaml) ask for both
    title: Risks and other treatments
    blocks:
      - bullets:
          - Name each risk in everyday words, and how often it happens.
          - Name the other treatments, and what is known about them.

conditions:                       # one brochure each
  - id: example-condition
    name: Example condition
    main_message: One balanced sentence on what the treatment can and cannot do here.
    sections:
      - id: example-condition-about
        title: About the condition
        blocks:
          - paragraph: Describe the condition in everyday words.

call_to_action:
  title: Talk with us
  text: Call us to talk it over before you decide.
  contact:
    - "Phone: {{{{ clinic.phone }}}}"
    - "{{{{ clinic.website }}}}"

references:
  - id: example-source
    citation: Author A. Title of the source. Publisher; year.
    url: https://www.example.org/source
    accessed: {today}
"""


def new_material(name: str, folder: Path = Path("sources"), today: dt.date | None = None) -> Path:
    """Write folder/NAME.yaml from the template; SourceError if the name is unsafe or taken."""
    target = folder / f"{name}.yaml"
    if not SAFE_ID.match(name):
        raise SourceError.at(Location(name), "a material's name is lower-case letters, digits and hyphens")
    if target.exists():
        raise SourceError.at(Location(str(target)), "already exists; choose another name")
    day = today or dt.date.today()
    text = TEMPLATE.format(
        name=name,
        title=name.replace("-", " ").capitalize(),
        today=day.isoformat(),
        next_year=(day + dt.timedelta(days=365)).isoformat(),
    )
    write_atomic(target, text.encode("utf-8"))
    return target
