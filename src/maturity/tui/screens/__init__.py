"""The screens of the terminal app, one per module, each with its stylesheet beside it."""
