"""The screens of the panel, one module per group of the menu; ``views.py`` registers them."""
