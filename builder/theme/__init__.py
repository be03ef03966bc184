"""The theme stage: what a theme is (colours, fonts, sizes, deck bindings, brochure layouts),
the readers of a `layouts/` folder, and the fonts it names."""
