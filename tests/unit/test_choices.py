"""Every coloured choice set gives each of its states a colour of the palette, and the
groups of states written on it name only its own values."""

from django.test import SimpleTestCase

from ducha.choices import COLOURS, ColouredChoices
from ducha.complaints.models import ComplaintStatus
from ducha.rectification.models import FindingState, TaskState
from ducha.supervision.models import AlertLevel

SETS = (ComplaintStatus, TaskState, FindingState, AlertLevel)
GROUPS = {
    ComplaintStatus: ("CLOSED_STATES", "OPEN_STATES", "IN_HAND_STATES"),
    TaskState: ("LATE_STATES",),
}


class ChoiceTests(SimpleTestCase):
    def test_every_state_has_a_colour_of_the_palette(self):
        for choices in SETS:
            with self.subTest(choices=choices.__name__):
                self.assertTrue(issubclass(choices, ColouredChoices))
                self.assertEqual(set(choices.COLOURS), set(choices.values))
                self.assertLessEqual(set(choices.COLOURS.values()), set(COLOURS))

    def test_groups_name_only_their_own_values(self):
        for choices, names in GROUPS.items():
            for name in names:
                with self.subTest(group=f"{choices.__name__}.{name}"):
                    self.assertLessEqual(set(getattr(choices, name)), set(choices.values))

    def test_a_member_and_a_stored_value_read_the_same_colour_and_label(self):
        self.assertEqual(ComplaintStatus.CLOSED.colour, ComplaintStatus.colour_of("closed"))
        self.assertEqual(FindingState.label_of("rectified_not_signed_off"), "已整改待销号")
        self.assertEqual(FindingState.colour_of("unknown"), "grey")
