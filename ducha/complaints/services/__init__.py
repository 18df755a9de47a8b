"""Every write in the complaints area, one module per concept. Each public function is
one user action: check (scoping.require), lock, validate, write, audit, one transaction.

    intake.py       import_batch: a batch file, all or nothing (import_rows.py writes the rows)
    import_jobs.py  an upload checked, confirmed, then imported in the background
    import_recovery.py  heartbeat of a running job, the scan for dead workers, retry
    visits.py       a complaint found on a site visit (专项督查 / 暗访)
    identity.py     reveal_complainant: the audited look at who complained
    dispatch.py     dispatch (转办), requests for more time or rerouting, their decision
    handling.py     the handling report (办理情况), supporting parts, evidence, submission
    review.py       accept or return a report (审核)
    repeats.py      repeat suggestions: scan, confirm, reject
    repeat_index.py the repeat keys and features, written with each complaint; candidates
    disclosure.py   approval of a batch for the public page
    lookback.py     samples for recheck (回头看) and their results
    common.py       the row lock, version check and status guard the transitions share
    bulk.py         many rows in one statement (COPY / executemany)

Reads live in complaints/queries.py, documents in complaints/exports.py.
"""
