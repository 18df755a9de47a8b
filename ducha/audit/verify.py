"""Walk the audit chain and say where, if anywhere, it breaks."""

from __future__ import annotations

from dataclasses import dataclass

from ducha.audit.models import AuditEvent, AuditHead
from ducha.core.chain import GENESIS, chain_hash


@dataclass
class Verdict:
    ok: bool
    count: int
    bad_seq: int | None = None
    reason: str = ""


def verify_chain() -> Verdict:
    prev_hash, expected_seq, count = GENESIS, 1, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return Verdict(
                False, count, event.seq, f"序号不连续：应为 {expected_seq}，实为 {event.seq}（记录被删除或移动）"
            )
        if event.prev_hash != prev_hash:
            return Verdict(False, count, event.seq, "前序摘要与上一条记录不符（记录被删除、插入或重排）")
        if chain_hash(event.hash_alg, prev_hash, event.chained_fields()) != event.hash:
            return Verdict(False, count, event.seq, "内容与摘要不符（记录被篡改）")
        prev_hash, expected_seq, count = event.hash, expected_seq + 1, count + 1
    head = AuditHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != count or head_hash != prev_hash:
        return Verdict(False, count, count + 1, f"链尾缺失：链头记录为第 {head_seq} 条，实际只到第 {count} 条")
    return Verdict(True, count)
