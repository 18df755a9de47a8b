"""The complaint pages, one module per thing a person does. Views never change state
themselves: they call a service and put a refusal on the form (HTTP 400). Forms that
change a complaint post the `version` they showed, so a second person gets the Conflict
message and their typed text back on the page.

    lists.py        the complaint list and search
    page.py         the complaint page: details, identity (audited reveal), handling panels
    actions.py      the page's actions: dispatch, requests, report, evidence, review, repeats, recheck
    queues.py       the office's work queue and a handler unit's queue, bulk dispatch
    inspections.py  the inspections and opening one
    imports.py      batch upload → check → confirm → import, and the problems file
    disclosure.py   the disclosure table of a batch: preview, approval, download
    public.py       the public disclosure pages (no sign-in, approved batches only)
    lookback.py     look-back samples (回头看) and their results
    figures.py      the on-time figures by inspection, batch, region, unit
"""
