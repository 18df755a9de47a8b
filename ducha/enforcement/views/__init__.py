"""Every page of enforcement, by concept:

cases.py    the list and each party's queue, the case page, a new case, materials, the 移送书
steps.py    the steps each party records on a case (one POST address per party)
tables.py   the deadline and criterion tables, opinions (outcome, Word)
"""
