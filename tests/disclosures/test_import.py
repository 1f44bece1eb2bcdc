"""manage.py import_documents and load_samples: files, folders and zips through the upload,
the parse and publishing, with the worker's tasks run in this process as they are sent."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from disclosures import services, tasks
from disclosures.management.commands import import_documents
from disclosures.models import Disclosure, Document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "disclosures" / "fixtures" / "samples").glob("*.txt"))
# the worker's tasks run once the upload commits, so the tests commit as the command does
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker_inline(monkeypatch):
    """What the worker would do with each message, done as it is sent."""
    monkeypatch.setattr(
        tasks.document_parse, "delay", lambda pk: services.document_parse(document_id=pk)
    )
    monkeypatch.setattr(
        tasks.disclosure_join, "delay", lambda pk: services.disclosure_join(disclosure_id=pk)
    )


@pytest.fixture
def archive(tmp_path) -> Path:
    """A folder of two samples (and a note that is no disclosure), a zip with a third."""
    folder = tmp_path / "archive"
    (folder / "2026").mkdir(parents=True)
    for path in SAMPLES[:2]:
        shutil.copy(path, folder / "2026" / path.name)
    (folder / "README.md").write_text("notes", encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.write(SAMPLES[2], SAMPLES[2].name)
    (tmp_path / "more.zip").write_bytes(buffer.getvalue())
    return folder


def run(*args, stderr=None, **options) -> str:
    out = io.StringIO()
    call_command(
        "import_documents", *map(str, args), stdout=out, stderr=stderr or io.StringIO(), **options
    )
    return out.getvalue()


def test_it_imports_folders_and_zips_and_publishes_what_the_worker_reads(worker_inline, archive):
    output = run(archive, archive.parent / "more.zip")

    assert Document.objects.filter(status="parsed").count() == 3  # the note was not taken
    assert Disclosure.objects.filter(is_current=True).count() == 3
    assert output.splitlines()[-1] == (
        "Imported: 3 files, 3 read, 0 failed; 3 disclosures published now."
    )
    assert "[##############################] 3/3 parsed (0 failed), 3 published" in output


def test_running_it_again_adds_and_publishes_nothing(worker_inline, archive):
    run(archive)

    output = run(archive)

    assert Document.objects.count() == 2
    assert output.splitlines()[-1].endswith("0 disclosures published now.")


def test_a_disclosure_in_two_files_read_one_after_the_other_is_published_whole(
    monkeypatch, tmp_path
):
    """The first file is read and published alone; the second makes a new version of it,
    which the same import publishes once both are read together."""
    names = ("js_renda_2019_dept-budget-tables.pdf", "js_renda_2019_dept-budget-text.pdf")
    for name in names:
        shutil.copy(ROOT / "tests" / "data" / "realdocs" / name, tmp_path / name)
    queued: list[int] = []
    monkeypatch.setattr(tasks.document_parse, "delay", queued.append)
    monkeypatch.setattr(
        tasks.disclosure_join, "delay", lambda pk: services.disclosure_join(disclosure_id=pk)
    )

    def one_parse_a_look(seconds):  # the worker reads one file between two looks
        if queued:
            services.document_parse(document_id=queued.pop(0))

    monkeypatch.setattr(import_documents.time, "sleep", one_parse_a_look)
    output = run(tmp_path)

    current = Disclosure.objects.get(is_current=True)
    assert (current.version, current.documents.count()) == (2, 2)
    assert current.records["documents"] == list(
        Document.objects.order_by("pk").values_list("pk", flat=True)
    )
    assert output.splitlines()[-1].endswith("1 disclosures published now.")


def test_it_names_each_file_it_could_not_read_and_why(worker_inline, archive):
    (archive / "notes.txt").write_text("会议纪要，没有预算。", encoding="utf-8")
    errors = io.StringIO()

    output = run(archive, stderr=errors)

    assert output.splitlines()[-1].startswith("Imported: 3 files, 2 read, 1 failed;")
    assert errors.getvalue().splitlines() == [
        "  failed    notes.txt: no budget tables or budget figures found in the file "
        "(not_a_disclosure)"
    ]


@pytest.fixture
def two_files(tmp_path, monkeypatch) -> tuple[Path, list[int]]:
    """A disclosure in two files, whose parse messages wait in a list for `parse_queued`."""
    names = ("js_renda_2019_dept-budget-tables.pdf", "js_renda_2019_dept-budget-text.pdf")
    for name in names:
        shutil.copy(ROOT / "tests" / "data" / "realdocs" / name, tmp_path / name)
    queued: list[int] = []
    monkeypatch.setattr(tasks.document_parse, "delay", queued.append)
    monkeypatch.setattr(
        tasks.disclosure_join, "delay", lambda pk: services.disclosure_join(disclosure_id=pk)
    )
    return tmp_path, queued


def parse_queued(queued: list[int], files: int = 99) -> None:
    for pk in list(dict.fromkeys(queued))[:files]:
        services.document_parse(document_id=pk)
    queued.clear()


def import_cut_short(folder: Path, queued: list[int]) -> None:
    """The first file is read and published alone, then the import and the worker stop
    (Ctrl-C) with the second still queued."""
    with pytest.raises(CommandError):
        run(folder, wait=0)
    parse_queued(queued, files=1)
    with pytest.raises(CommandError):
        run(folder, wait=0)
    assert Disclosure.objects.get(is_current=True).documents.count() == 1


def test_an_import_cut_short_and_run_again_publishes_what_it_left(monkeypatch, two_files):
    folder, queued = two_files
    import_cut_short(folder, queued)
    monkeypatch.setattr(import_documents.time, "sleep", lambda seconds: parse_queued(queued))

    output = run(folder)

    current = Disclosure.objects.get(is_current=True)
    assert (current.version, current.documents.count()) == (2, 2)
    assert output.splitlines()[-1].endswith("1 disclosures published now.")


def test_a_version_a_reviewer_published_is_left_to_the_reviewers(monkeypatch, two_files):
    folder, queued = two_files
    import_cut_short(folder, queued)
    reviewer, _ = services.member_add(username="shen", role="reviewers")
    Disclosure.objects.filter(is_current=True).update(published_by=reviewer)
    monkeypatch.setattr(import_documents.time, "sleep", lambda seconds: parse_queued(queued))
    errors = io.StringIO()

    output = run(folder, stderr=errors)

    draft = Disclosure.objects.get(published_at__isnull=True)
    assert Disclosure.objects.get(is_current=True).documents.count() == 1
    assert output.splitlines()[-1].endswith("0 disclosures published now.")
    assert errors.getvalue().splitlines() == [
        f"  draft     {draft}: a version was published before, so a reviewer publishes "
        f"this one (/disclosures/{draft.pk}/)"
    ]


def test_a_correction_awaiting_review_is_left_to_the_reviewers(monkeypatch, two_files):
    folder, queued = two_files
    import_cut_short(folder, queued)
    reviewer, _ = services.member_add(username="shen", role="reviewers")
    services.value_correct(
        disclosure=Disclosure.objects.get(is_current=True),
        address="figure:headcount:actual",
        value=Decimal(60),
        reason="人员情况表",
        user=reviewer,
    )
    monkeypatch.setattr(import_documents.time, "sleep", lambda seconds: parse_queued(queued))

    output = run(folder)

    assert Disclosure.objects.get(is_current=True).version == 1
    draft = Disclosure.objects.get(published_at__isnull=True)
    assert draft.corrections.exists() and draft.documents.count() == 2
    assert output.splitlines()[-1].endswith("0 disclosures published now.")


def test_a_version_published_from_other_files_is_left_to_the_reviewers(monkeypatch, two_files):
    folder, queued = two_files
    monkeypatch.setattr(import_documents.time, "sleep", lambda seconds: parse_queued(queued))
    (first, second), others = sorted(folder.glob("*.pdf")), folder / "others"
    others.mkdir()
    second.rename(others / second.name)
    run(first)

    output = run(others)

    assert Disclosure.objects.get(is_current=True).documents.count() == 1
    assert Disclosure.objects.get(published_at__isnull=True).documents.count() == 2
    assert output.splitlines()[-1].endswith("0 disclosures published now.")


def test_names_can_be_skipped(worker_inline, archive):
    run(archive, skip=["*" + SAMPLES[0].name[-15:]])

    assert list(Document.objects.values_list("name", flat=True)) == [SAMPLES[1].name]


def test_a_path_that_does_not_exist_is_refused_before_anything_is_uploaded(archive):
    with pytest.raises(CommandError, match="no such file or folder"):
        run(archive, archive / "missing.pdf")

    assert not Document.objects.exists()


def test_it_gives_up_when_no_worker_reads_the_files(monkeypatch, archive):
    monkeypatch.setattr(tasks.document_parse, "delay", lambda pk: None)

    with pytest.raises(CommandError, match="did not finish within 0.1 s"):
        run(archive, wait=0.1)


def test_the_samples_load_the_same_way(worker_inline):
    call_command("load_samples", stdout=io.StringIO())

    assert Disclosure.objects.filter(is_current=True).count() == len(SAMPLES)


def test_a_restart_queues_again_what_a_stopped_worker_left_unfinished(worker_inline, archive):
    sent: list[int] = []
    run(archive)
    stopped = Document.objects.first()
    Document.objects.filter(pk=stopped.pk).update(
        status="parsing", started_at=timezone.now() - timedelta(seconds=1)
    )
    tasks.document_parse.delay = sent.append  # monkeypatch restores the inline one

    call_command("documents_resume", stdout=io.StringIO())

    stopped.refresh_from_db()
    assert (stopped.status, sent) == ("queued", [stopped.pk])


def test_the_home_page_says_how_many_files_are_still_being_read(client, monkeypatch, archive):
    monkeypatch.setattr(tasks.document_parse, "delay", lambda pk: None)
    with pytest.raises(CommandError):
        run(archive, wait=0)

    page = client.get(reverse("home")).content.decode()

    assert "后台正在解析 2 份文件" in page
