import json

from django.core.management.base import BaseCommand, CommandError

from ducha.complaints.queries import open_suggestions
from ducha.complaints.services import repeat_index
from ducha.complaints.services.repeats import scan_repeats
from ducha.inspections.models import Inspection


class Command(BaseCommand):
    help = "检查尚未比对的信访件，给出可能的重复件（只提示，不合并），并列出待确认的提示；--reindex 重建候选键。"

    def add_arguments(self, parser):
        parser.add_argument("--inspection", help="督察代码")
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--reindex", action="store_true", help="重建全部信访件的比对特征和候选键（地名、场所类型词表变更后）"
        )

    def handle(self, *args, inspection, json: bool, reindex: bool, **options):
        if reindex:
            done = repeat_index.reindex()
            self.stdout.write(f"已重建 {done} 件信访件的候选键。")
            if not inspection:
                return
        if not inspection:
            raise CommandError("请用 --inspection 指定督察代码，或用 --reindex 重建候选键。", returncode=2)
        try:
            target = Inspection.objects.get(code=inspection)
        except Inspection.DoesNotExist:
            raise CommandError(f"督察“{inspection}”不存在。", returncode=2)
        scan_repeats(inspection=target)
        rows = [
            {
                "ref": s.complaint.ref,
                "candidate": s.candidate.ref,
                "candidate_inspection": s.candidate.inspection.code,
                "score": float(s.score),
                "reasons": s.reasons,
                "relapse": s.relapse,
            }
            for s in open_suggestions(inspection=target)
        ]
        if json:
            self.stdout.write(_dumps(rows))
            return
        for r in rows:
            flag = "（可能反弹）" if r["relapse"] else ""
            self.stdout.write(f"{r['ref']} ≈ {r['candidate']} {r['score']:.3f}{flag}：{'；'.join(r['reasons'])}")
        self.stdout.write(f"共 {len(rows)} 条待确认的重复件提示。")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
