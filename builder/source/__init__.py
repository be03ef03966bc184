"""The source stage: YAML with positions, field checks, markup, templating, and the readers
that turn a material and its translations into the content model (builder.model)."""
