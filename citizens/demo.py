"""What the demo's citizens did (seed_demo): comments on the demo's draft open for
comments (core.demo_content.sections), two published and one waiting for the moderators."""

from core.demo_content.sections import demo_draft_added

from .models import DraftComment


def _comments(sender, tenant, draft, **kwargs):
    DraftComment.objects.bulk_create(
        [
            DraftComment(
                tenant=tenant,
                draft=draft,
                part="Điều 2",
                comment="Đề nghị bổ sung tiếp công dân vào buổi chiều thứ Bảy để người đi làm có thể đến.",
                status=DraftComment.Status.PUBLISHED,
            ),
            DraftComment(
                tenant=tenant,
                draft=draft,
                part="Điều 3",
                comment="Nên quy định thời hạn trả lời kiến nghị trực tuyến không quá 10 ngày làm việc.",
                status=DraftComment.Status.PUBLISHED,
            ),
            DraftComment(
                tenant=tenant,
                draft=draft,
                comment="Đề nghị công khai kết quả tiếp công dân hằng quý trên cổng thông tin.",
                name="Nguyễn Văn Bình",
                contact="0912 345 678",
            ),
        ]
    )


def connect():
    demo_draft_added.connect(_comments, dispatch_uid="citizens-demo-comments")
