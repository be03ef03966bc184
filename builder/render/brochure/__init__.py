"""The brochure renderer: plan each condition's panels from the model, then write the PDF."""
