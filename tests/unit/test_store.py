"""The file store keeps each content once, in one layout, and reads back only what it keeps."""

import hashlib
import io
import json
import os
import stat

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from ducha import store
from ducha.core import sealfile


class StoreTests(SimpleTestCase):
    def test_a_file_is_named_by_its_content_in_its_kind_folder(self):
        kept = store.save(b"%PDF-1.4 one", kind=store.EVIDENCE, suffix=".PDF")
        self.assertEqual(kept.path, f"evidence/{kept.sha256[:2]}/{kept.sha256}.pdf")
        self.assertEqual(kept.size, 12)

    def test_the_same_content_is_kept_once(self):
        first = store.save(b"same bytes", kind=store.PHOTOS, suffix=".png")
        second = store.save(io.BytesIO(b"same bytes"), kind=store.PHOTOS, suffix=".png")
        self.assertEqual(first, second)
        self.assertEqual(len(list((store.root() / "photos" / first.sha256[:2]).glob(f"{first.sha256}*"))), 1)

    def test_what_is_saved_opens_with_the_same_bytes(self):
        kept = store.save(b"PK\x03\x04 a table", kind=store.UPLOADS, suffix=".xlsx")
        with store.open(kept) as f:
            self.assertEqual(f.read(), b"PK\x03\x04 a table")
        with store.local_path(kept) as path:
            self.assertEqual(path.read_bytes(), b"PK\x03\x04 a table")

    def test_a_row_path_opens_as_a_stored_file(self):
        kept = store.save(b"notice", kind=store.NOTICES, suffix=".docx")
        with store.open(store.StoredFile(kept.path)) as f:
            self.assertEqual(f.read(), b"notice")

    def test_address_says_where_save_would_keep_it_without_keeping_it(self):
        where = store.address(b"not yet kept", kind=store.BATCHES, suffix=".csv")
        self.assertFalse(store.exists(where))
        self.assertEqual(store.save(b"not yet kept", kind=store.BATCHES, suffix=".csv"), where)

    def test_deleting_a_working_copy_removes_it(self):
        kept = store.save(b"working copy", kind=store.UPLOADS, suffix=".csv")
        store.delete(kept)
        self.assertFalse(store.exists(kept))
        with self.assertRaises(FileNotFoundError):
            store.open(kept)

    def test_a_path_outside_the_store_is_never_opened(self):
        for path in ("../pii.key", "/etc/passwd", "", "evidence/../../pii.key"):
            with self.subTest(path=path), self.assertRaises(FileNotFoundError):
                store.open(path)

    def test_an_unknown_kind_is_refused(self):
        with self.assertRaises(ValueError):
            store.save(b"x", kind="misc", suffix=".txt")


class SealedAtRestTests(TestCase):
    """Every kept file is sealed with the key in DUCHA_HOME and opened transparently."""

    def test_a_kept_file_holds_no_plain_bytes_and_reads_back_plain(self):
        plain = "张伟 13812345678 湘潭市雨湖区".encode() * 100
        kept = store.save(plain, kind=store.BATCHES, suffix=".csv")
        raw = (store.root() / kept.path).read_bytes()
        self.assertNotIn("张伟".encode(), raw)
        self.assertNotIn(b"13812345678", raw)
        self.assertTrue(store.is_sealed(store.root() / kept.path))
        with store.open(kept) as f:
            self.assertEqual(f.read(), plain)
        self.assertEqual(kept.sha256, hashlib.sha256(plain).hexdigest())  # addressed by the plain bytes

    def test_a_large_file_streams_through_in_records(self):
        plain = os.urandom(3 * sealfile.CHUNK + 17)
        kept = store.save(io.BytesIO(plain), kind=store.UPLOADS, suffix=".xlsx")
        with store.open(kept) as f:
            first = f.read(1000)
            self.assertEqual(first + f.read(), plain)
        with store.local_path(kept) as path:
            self.assertNotIn(store.root().resolve(), path.resolve().parents)  # plain copy outside DUCHA_HOME
            self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)
            self.assertEqual(path.read_bytes(), plain)
        self.assertFalse(path.exists())

    def test_an_altered_file_fails_to_open_instead_of_reading_wrong(self):
        kept = store.save(b"evidence bytes" * 1000, kind=store.EVIDENCE, suffix=".pdf")
        target = store.root() / kept.path
        raw = bytearray(target.read_bytes())
        raw[100] ^= 1
        target.write_bytes(bytes(raw))
        with self.assertRaises(sealfile.SealedFileError), store.open(kept) as f:
            f.read()

    def test_seal_stored_seals_files_kept_plain_before_and_runs_again_harmlessly(self):
        legacy = store.root() / "batches" / "2017-hunan" / "第1批.csv"
        legacy.parent.mkdir(parents=True, exist_ok=True)
        legacy.write_bytes("举报人,联系电话\n李强,13912345678\n".encode())
        os.chmod(legacy, 0o644)
        template = store.root() / "templates" / "supervision_notice.docx"
        template.parent.mkdir(parents=True, exist_ok=True)
        template.write_bytes(b"PK\x03\x04 the office's own template")
        self.addCleanup(template.unlink)  # the notice tests render with the built-in template
        out = io.StringIO()
        call_command("seal_stored", stdout=out)
        first = json.loads(out.getvalue())
        self.assertGreaterEqual(first["files"]["sealed"], 1)
        self.assertNotIn(b"13912345678", legacy.read_bytes())
        self.assertEqual(stat.S_IMODE(legacy.stat().st_mode), 0o600)
        self.assertEqual(template.read_bytes(), b"PK\x03\x04 the office's own template")  # read by path: kept plain
        with store.open("batches/2017-hunan/第1批.csv") as f:
            self.assertIn(b"13912345678", f.read())
        out = io.StringIO()
        call_command("seal_stored", stdout=out)
        again = json.loads(out.getvalue())
        self.assertEqual(again["files"]["sealed"], 0)
        self.assertGreaterEqual(again["files"]["already"], first["files"]["sealed"])

    def test_saving_content_kept_plain_before_seals_it(self):
        plain = b"kept before sealing"
        where = store.address(plain, kind=store.PHOTOS, suffix=".png")
        target = store.root() / where.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(plain)
        store.save(plain, kind=store.PHOTOS, suffix=".png")
        self.assertTrue(store.is_sealed(target))


class PlainFilesCheckTests(SimpleTestCase):
    def test_check_deploy_warns_of_files_kept_plain_until_sealed(self):
        from ducha.org.apps import files_sealed

        legacy = store.root() / "visits" / "legacy-photo.jpg"
        legacy.parent.mkdir(parents=True, exist_ok=True)
        legacy.write_bytes(b"\xff\xd8\xff plain photo")
        self.addCleanup(legacy.unlink, missing_ok=True)
        self.assertEqual([w.id for w in files_sealed()], ["ducha.W001"])
        store.seal_kept()
        self.assertEqual(files_sealed(), [])
