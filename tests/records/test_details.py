"""Many records in full at once, in the order asked, for the CSV export."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.records import details
from bot.records.details import record_details
from bot.records.queue import record_detail
from tests.records.factories import add_request, add_triage


def test_requests_and_triages_come_back_in_full_in_the_order_asked(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(details, "CHUNK", 2)  # several queries per kind
    requests = [add_request(session, conversation_id=f"c{i}", name=f"P{i}") for i in range(3)]
    triages = [add_triage(session, conversation_id=f"t{i}") for i in range(3)]
    wanted = [triages[1], requests[2], "SB-ZZZZZZ", requests[0], triages[0], requests[1]]
    found = record_details(session, wanted)
    assert [d.reference for d in found] == [r for r in wanted if r != "SB-ZZZZZZ"]
    for detail in found:
        full = record_detail(session, detail.reference)
        assert full is not None and detail == full  # the same record, no notes in either
    assert found[1].phone == "+15550100199" and found[1].name == "P2"
    assert found[0].kind == "triage" and found[0].name is None
