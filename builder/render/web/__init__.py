"""The web handout (plain semantic HTML) and its tagged PDF/UA twin, made from the same page."""
