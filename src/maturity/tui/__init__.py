"""The terminal app: `maturity` with no arguments.

Built on the core only: every figure it shows comes from scoring, recommending, planning and
history functions the command line uses too. Text that comes from plugins, questionnaires or
the user is always shown literally, never interpreted as markup.
"""
