"""The six built-in domains of maturity, each a plugin registered exactly as a third party's.

Each module registers one questionnaire file shipped in ``maturity_builtins.questionnaires``
(the repository's ``questionnaires/`` folder). They are registered ``trylast`` so that an
outside plugin's contributions come first.
"""
