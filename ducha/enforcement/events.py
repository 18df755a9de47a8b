from ducha.audit.events import register

# Every move of a case is one event (its TransferStep carries the same name).
register({})
