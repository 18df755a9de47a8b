"""Supervision pages, one module per concept.

alerts.py          alerts, what turns red soon, the scan, alert rules
notices.py         supervision notices (督办单): issue, reply, the Word document
accountability.py  accountability records (约谈、问责), people, meetings
visits.py          site visits, their findings, turning a finding into a task or complaint
bulletins.py       bulletins (通报) and their downloads
common.py          the inspection chosen on a page, the user's own region, downloads
"""
