"""next_sequence_value(): readable references from counters, one per key."""

from taiex.core.models import Sequence
from taiex.core.sequences import next_sequence_value


def test_next_sequence_value_counts_from_one(db):
    values = [next_sequence_value("APP-2026") for _ in range(3)]

    assert values == [1, 2, 3]


def test_next_sequence_value_keeps_one_counter_per_key(db):
    next_sequence_value("WS-2026")
    next_sequence_value("WS-2026")

    values = (next_sequence_value("EM-2026"), next_sequence_value("WS-2026"))

    assert values == (1, 3)
    assert dict(Sequence.objects.values_list("key", "value")) == {"WS-2026": 3, "EM-2026": 1}
