"""Small helpers every part of maturity uses, below everything else: the error types
(:mod:`.errors`), reading files safely (:mod:`.safeio`), TOML with file and line in every error
(:mod:`.tomlfile`), text made safe for a terminal (:mod:`.termtext`) and money and hours written
for people (:mod:`.formatting`). Nothing here imports any other part of maturity.
"""
