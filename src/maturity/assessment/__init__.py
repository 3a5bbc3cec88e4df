"""The assessment: from an answer file to a result.

Reading answer files (:mod:`.answers`, models in :mod:`.models`), merging several respondents
(:mod:`.respondents`), scoring capabilities and domains (:mod:`.scoring`), the target stage of
each domain (:mod:`.targets`, worded by the law of the business's country in
:mod:`.jurisdiction`), and what the shells ask and show around it: the questions one at a time
(:mod:`.interview`), a blank answer file (:mod:`.template`), the next stage in words
(:mod:`.overview`), peer benchmarks (:mod:`.benchmarks`) and the content checks of
`maturity validate` (:mod:`.validate`).
"""
