"""Every write in supervision, one module per concept (one durable transaction per user
action: the row locked, scoping.require, state checked, validated, audited).

    overdue.py         alert rules, the overdue scan and its notifications
    notices.py         supervision notices (督办单) and replies
    accountability.py  accountability records (约谈、问责) and meetings
    visits.py          site visits, their findings, turning a finding into a task or a complaint
    bulletins.py       bulletins (通报), the weekly one
    common.py          the unit an actor writes for, the date guard
"""
