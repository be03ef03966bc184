"""The batch stage: builds of named sources and of a whole network (handout.yaml), the
manifest that makes rebuilds incremental, the report, previews and watching."""
