"""Complainant data: sealed with SM4-GCM at rest, masked on screen."""

import os

from django.db import connection
from django.test import SimpleTestCase

from ducha.core import pii
from ducha.fields import EncryptedTextField, pii_keys

KEY = bytes(range(16))


class SealTests(SimpleTestCase):
    def test_sealed_text_opens_to_the_original(self):
        sealed = pii.seal("张三 13812345678", KEY)
        self.assertTrue(sealed.startswith("sm4gcm1:"))
        self.assertNotIn("13812345678", sealed)
        self.assertEqual(pii.open_sealed(sealed, KEY), "张三 13812345678")

    def test_same_text_seals_differently_each_time(self):
        self.assertNotEqual(pii.seal("张三", KEY), pii.seal("张三", KEY))

    def test_wrong_key_fails_to_open(self):
        with self.assertRaises(pii.SealError):
            pii.open_sealed(pii.seal("张三", KEY), bytes(16))

    def test_altered_byte_fails_authentication(self):
        sealed = pii.seal("张三", KEY)
        body = bytearray(__import__("base64").b64decode(sealed[len(pii.PREFIX) :]))
        body[14] ^= 1
        tampered = pii.PREFIX + __import__("base64").b64encode(bytes(body)).decode()
        with self.assertRaises(pii.SealError):
            pii.open_sealed(tampered, KEY)

    def test_sm4_matches_the_standard_test_vector(self):
        # GB/T 32907-2016 appendix A.1
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        key = bytes.fromhex("0123456789abcdeffedcba9876543210")
        enc = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
        self.assertEqual((enc.update(key) + enc.finalize()).hex(), "681edf34d206965e86b3e94f536e4246")

    def test_blind_index_is_stable_and_keyed(self):
        self.assertEqual(pii.blind_index("13812345678", KEY), pii.blind_index(" 13812345678 ", KEY))
        self.assertNotEqual(pii.blind_index("13812345678", KEY), pii.blind_index("13812345678", bytes(16)))


class MaskTests(SimpleTestCase):
    def test_masks(self):
        cases = [
            (pii.mask_name, "张三", "张*"),
            (pii.mask_name, "张三丰", "张**"),
            (pii.mask_name, "欧阳娜娜", "欧***"),
            (pii.mask_name, "", ""),
            (pii.mask_phone, "13812345678", "138****5678"),
            (pii.mask_phone, "138 1234 5678", "138****5678"),
            (pii.mask_phone, "0731-58581234", "********1234"),
            (pii.mask_id_number, "430302199001011234", "430302********1234"),
            (pii.mask_id_number, "43030219900101123X", "430302********123X"),
            (pii.mask_address, "湘潭市雨湖区人民路12号3栋", "湘潭市雨湖区****"),
        ]
        for mask, raw, expected in cases:
            with self.subTest(raw=raw):
                self.assertEqual(mask(raw), expected)

    def test_numbers_inside_free_text_are_redacted(self):
        text = "举报人电话13812345678，身份证430302199001011234，座机0731-58581234。"
        self.assertEqual(
            pii.redact_text(text),
            "举报人电话138****5678，身份证430302********1234，座机0731-****1234。",
        )

    def test_long_digit_runs_that_are_not_phones_stay(self):
        self.assertEqual(pii.redact_text("受理编号 2017060112345678"), "受理编号 2017060112345678")


class FieldTests(SimpleTestCase):
    def test_field_stores_sealed_and_reads_plain(self):
        field = EncryptedTextField(mask="phone")
        stored = field.get_prep_value("13812345678")
        self.assertNotIn("1381234", stored)
        self.assertEqual(field.from_db_value(stored, None, connection), "13812345678")
        self.assertEqual(field.masked("13812345678"), "138****5678")

    def test_empty_stays_empty(self):
        field = EncryptedTextField()
        self.assertEqual(field.get_prep_value(""), "")
        self.assertEqual(field.from_db_value(None, None, connection), "")

    def test_key_file_is_created_private(self):
        from django.conf import settings

        pii_keys()
        self.assertEqual(os.stat(settings.PII_KEY_FILE).st_mode & 0o777, 0o600)


class PiiTextTests(SimpleTestCase):
    """Free text read from a PiiTextField: masked as a string, the original kept apart."""

    def test_a_copied_or_pickled_text_keeps_its_originals(self):
        import copy
        import pickle

        from ducha.core import pii_text
        from ducha.fields import PiiText

        text = PiiText(*pii_text.extract("举报人张伟，电话13812345678", names=["张伟"]))
        self.assertEqual(text, "举报人张*，电话138****5678")
        for again in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
            self.assertEqual(again, text)
            self.assertEqual(again.revealed(), "举报人张伟，电话13812345678")

    def test_the_column_value_holds_placeholders_and_the_sealed_originals(self):
        from ducha.fields import SEALED_MARK, PiiTextField

        column = PiiTextField.column_value("电话13812345678", names=[])
        template, sealed = column.split(SEALED_MARK)
        self.assertEqual(template, "电话⟦pii:1⟧")
        self.assertNotIn("13812345678", sealed)
        self.assertEqual(PiiTextField.to_pii_text(column).revealed(), "电话13812345678")
        self.assertEqual(PiiTextField.column_value("没有号码的文字"), "没有号码的文字")
