"""The deck renderer: plan the slides from the model, then write them into a .pptx template."""
