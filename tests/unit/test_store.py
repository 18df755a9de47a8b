"""The file store keeps each content once, in one layout, and reads back only what it keeps."""

import io

from django.test import SimpleTestCase

from ducha import store


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
