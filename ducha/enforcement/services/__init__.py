"""Every write in enforcement, one module per party's concept; one public function
per transition, each one durable transaction (the case locked, scoping.require, the
state checked, validated, a TransferStep and an audit record):

    cases.py           the bureau: open a case, materials, report, the head's decision, transfer
    police.py          the police: accept, 立案 / 不予立案, investigation's end, hand back
    objections.py      the bureau's objection to 不予立案: 复议 or 立案监督
    procuratorate.py   检察意见 and their outcome, 起诉 / 不起诉, the judgment
    tables.py          the office's deadline and criterion tables
    common.py          the move itself: lock, state check, clocks, step and audit
"""
