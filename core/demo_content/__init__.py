"""Demo content for seed_demo: a province and three districts of Lâm Đồng, built from a
real article of the Đạ Tẻh district portal (dateh-supervision-article.vi.txt)."""

from pathlib import Path

HERE = Path(__file__).parent
DEMO_PASSWORD = "congdemo2026"

PROVINCE = {"name": "Lâm Đồng", "slug": "lamdong", "hostname": "lamdong.localhost"}
DISTRICTS = [
    {"name": "Đạ Tẻh", "slug": "dateh", "hostname": "dateh.localhost"},
    {"name": "Cát Tiên", "slug": "cattien", "hostname": "cattien.localhost"},
    {"name": "Đạ Huoai", "slug": "dahuoai", "hostname": "dahuoai.localhost"},
]

INTROS = {
    "lamdong": "Cổng thông tin điện tử của Tỉnh ủy, HĐND, UBND tỉnh Lâm Đồng: tin tức, chỉ đạo điều hành và văn bản của tỉnh.",
    "dateh": "Cổng thông tin điện tử huyện Đạ Tẻh: tin tức, văn bản chỉ đạo và kết quả giám sát của Huyện ủy.",
    "cattien": "Cổng thông tin điện tử huyện Cát Tiên: tin tức, văn bản và hoạt động của các cơ quan huyện.",
    "dahuoai": "Cổng thông tin điện tử huyện Đạ Huoai: tin tức, văn bản và hoạt động của các cơ quan huyện.",
}


def fixture_article() -> dict:
    """The real article split into its parts: the slogan banner, title, published
    time, body paragraphs, and the page furniture (view count, statistics box)."""
    lines = [line.strip() for line in (HERE / "dateh-supervision-article.vi.txt").read_text("utf-8").splitlines()]
    slogan, heading, published = lines[0], lines[1], lines[2]
    title = heading.removesuffix("In trang").strip()
    body, captions = [], []
    for line in lines[3:]:
        if line.startswith("Lượt xem"):
            break
        if not line:
            continue
        if line == title:  # the captions under the two photos repeat the title
            captions.append(line)
        else:
            body.append(line)
    return {
        "slogan": slogan,
        "title": title,
        "published": published,
        "body": body,
        "captions": captions,
        "views": _figure(lines, "Lượt xem:"),
        "statistics": {
            "total": int(next(line for line in lines if line.strip("• ").isdigit()).strip("• ")),
            "week": _figure(lines, "Trong tuần:"),
            "month": _figure(lines, "Trong tháng:"),
            "year": _figure(lines, "Trong năm:"),
        },
    }


def _figure(lines, label) -> int:
    """'Trong tuần: 3.950' -> 3950 (the old portal's figures, Vietnamese thousands)."""
    line = next(line for line in lines if label in line)
    return int(line.split(label, 1)[1].strip().replace(".", ""))
