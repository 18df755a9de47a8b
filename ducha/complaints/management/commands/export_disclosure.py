from django.core.management.base import BaseCommand, CommandError

from ducha.complaints.exports import write_batch_disclosure
from ducha.complaints.models import Batch, DisclosureStatus


class Command(BaseCommand):
    help = "导出某批次的办理情况一览表（xlsx，举报人信息不出现，文字中的电话、身份证号打码）。"

    def add_arguments(self, parser):
        parser.add_argument("--inspection", required=True)
        parser.add_argument("--batch", type=int, required=True)
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--draft", action="store_true", help="导出尚未批准公开的预览稿")

    def handle(self, *args, inspection, batch, output, draft, **options):
        try:
            target = Batch.objects.select_related("inspection").get(inspection__code=inspection, number=batch)
        except Batch.DoesNotExist:
            raise CommandError(f"督察“{inspection}”没有第{batch}批。", returncode=2)
        approved = getattr(target, "disclosure", None)
        if not draft and not (approved and approved.status == DisclosureStatus.APPROVED):
            raise CommandError(f"第{batch}批尚未批准公开；导出预览稿请加 --draft。", returncode=1)
        n = write_batch_disclosure(target, output)
        self.stdout.write(f"已导出 {n} 件到 {output}")
