"""Names, dates and counts embedded in text keep their own direction: each sits in a
<bdi>, so an English name and a date in an Arabic line do not scramble it."""

import re
from datetime import UTC, datetime

from participation.web import isolate
from tests import url_map
from tests.test_url_sweep import _build

ARABIC = {"Accept-Language": "ar"}
# A date as the Arabic locale writes it (medium and short: "07‏/12‏/2026"), with its
# right-to-left marks.
ARABIC_DATE = re.compile(r"\d{1,2}\u200f?/\d{1,2}\u200f?/\d{4}")


def test_the_bdi_filter_escapes_what_it_isolates():
    assert isolate("<b>Niamh</b>") == "<bdi>&lt;b&gt;Niamh&lt;/b&gt;</bdi>"
    assert isolate(isolate("x")) == "<bdi><bdi>x</bdi></bdi>"


def test_a_comment_line_in_arabic_isolates_name_date_and_count(
    client, db, make_consultation, make_user
):
    from participation.consultations.models import Comment

    consultation = make_consultation()
    author = make_user(display_name="Niamh <Walsh>")
    comment = Comment(
        consultation_id=consultation.id,
        section_id=consultation.sections[0].id,
        author_id=author.id,
        show_name=True,
        body="More light, please.",
        support_count=1,
        created_at=datetime(2026, 12, 6, 10, 0, tzinfo=UTC),
    )
    db.session.add(comment)
    db.session.commit()
    html = client.get(f"/consultations/{consultation.id}", headers=ARABIC).get_data(
        as_text=True
    )
    line = re.search(
        rf'<li class="comment" id="comment-{comment.id}">\s*<p class="meta">(.*?)</p>',
        html,
        re.S,
    ).group(1)
    parts = [part.strip() for part in line.split("·")]
    assert parts[0] == "<bdi>Niamh &lt;Walsh&gt;</bdi>"
    assert re.fullmatch(r"<bdi>[^<]*2026[^<]*</bdi>", parts[1]), parts[1]
    assert parts[2] == "<bdi>1 مؤيد</bdi>"


def test_a_question_line_isolates_the_name_and_date(
    client, db, make_project, make_user
):
    from participation.projects.models import ProjectQuestion

    project = make_project()
    author = make_user(display_name="Tomasz Nowak")
    question = ProjectQuestion(
        project_id=project.id, body="When?", author_id=author.id, show_name=True
    )
    db.session.add(question)
    db.session.commit()
    html = client.get(f"/projects/{project.id}", headers=ARABIC).get_data(as_text=True)
    line = re.search(
        rf'id="question-{question.id}">\s*<p class="meta">\s*<span class="tag">'
        r"[^<]*</span>(.*?)</p>",
        html,
        re.S,
    ).group(1)
    name, date = (part.strip() for part in line.split("·"))
    assert name == "<bdi>Tomasz Nowak</bdi>"
    assert re.fullmatch(r"<bdi>[^<]+</bdi>", date), date


def test_every_date_on_every_page_is_isolated_in_arabic(
    client, server, objects, login_as
):
    """Every page of the URL map, as an administrator, in Arabic: each date the app
    writes sits inside a <bdi>."""
    login_as("admin")
    outside = []
    for rule in url_map.rules(server, "GET"):
        url = _build(rule, url_map.real_arguments(rule, objects))
        response = client.get(url, headers=ARABIC)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        body = html[html.index("<body") :]
        for match in ARABIC_DATE.finditer(body):
            before = body[: match.start()]
            # An <option> holds text only (no <bdi> allowed): a select shows it alone.
            if before.rfind("<option") > before.rfind("</option>"):
                continue
            if before.rfind("<bdi>") <= before.rfind("</bdi>"):
                outside.append(f"{url}: …{body[match.start() - 80 : match.end()]!r}")
    assert not outside, "dates outside a <bdi>:\n" + "\n".join(outside)
