"""One saved row of every model, built the way a clerk would fill the screens."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import date, datetime

from werkzeug.datastructures import FileStorage

from admin_site.models import (
    Bulletin,
    Case,
    CaseCategory,
    Category,
    CategoryOrigin,
    Channel,
    CitizenContact,
    Contact,
    ContactGroup,
    Decision,
    DeliveryFailure,
    DeliveryStatus,
    Meeting,
    Member,
    MessageChannel,
    Notification,
    NotificationEvent,
    ProblemGroup,
    SiteVisit,
    Slip,
    Unit,
    WorkdayOverride,
    db,
    now_local,
)
from admin_site.notify import load_default_templates
from admin_site.uploads import PHOTO_TYPES, attach


def unit(name: str) -> Unit:
    return db.session.execute(db.select(Unit).filter_by(name=name)).scalar_one()


def sample_rows() -> dict:
    """A contact, a case with a category, a meeting with a decision and a slip; committed."""
    housing = unit("市住房和城乡建设局")
    city = unit("市城市管理监督局")
    contact = Contact(work_order="GD20260301001", channel=Channel.phone, received_at=datetime(2026, 3, 1, 9, 30),
                      complainant_name="张三", phone="13812341234", address="玉州区人民东路8号金港花园3栋",
                      content="小区旁工地夜间施工噪音扰民", transfer_units=[housing], returned_by=[city])
    group = ProblemGroup(place_key="estate:金港花园", topic="noise", contact_count=1)
    contact.membership = ContactGroup(group=group)
    case = Case(title="金港花园工地夜间施工噪音", summary="同一问题反复来电", lead_unit=housing, co_units=[city],
                deadline=date(2026, 4, 10), contacts=[contact],
                categories=[CaseCategory(code=Category.repeat, origin=CategoryOrigin.computed, reason="3 次来电")])
    case.assign_number(db.session)
    convener = db.session.execute(db.select(Member).filter_by(name="王巍")).scalar_one()
    meeting = Meeting(title="第一次专题快速联动协调会议", held_at=datetime(2026, 3, 20, 15, 0), place="市政务服务中心",
                      convener=convener, units=[housing, city], cases=[case])
    meeting.decisions.append(Decision(case=case, lead_unit=housing, co_units=[city], measures="限期整改",
                                      deadline_days=10, deadline=date(2026, 4, 3)))
    meeting.assign_number(db.session)
    slip = Slip(case=case, unit=housing, requirement="核查夜间施工审批并整改", deadline=date(2026, 4, 3))
    slip.assign_number(db.session)
    bulletin = Bulletin(title="2026年3月快速联动工作通报", body="表扬市住房和城乡建设局", published_at=datetime(2026, 4, 1, 9))
    message = Notification(event=NotificationEvent.slip_issued, event_key="slip_issued:sample",
                           channel=MessageChannel.sms, recipient="member:sample", member=convener,
                           recipient_name=convener.name, address="13800000000", body="督办单已下发（噪音）",
                           template_code="SMS_HOTLINE_SLIP_ISSUED", params={"unit": housing.name},
                           status=DeliveryStatus.held, attempts=1, failure=DeliveryFailure.no_answer,
                           last_error="ReadTimeout")
    load_default_templates()
    reached = CitizenContact(case=case, unit=housing, at=datetime(2026, 3, 2, 10), note="电话告知办理进度")
    visit = SiteVisit(case=case, unit=housing, visited_on=date(2026, 3, 3), people="市住建局张科长、市城管局李队长",
                      findings="工地夜间仍在浇筑混凝土，未见夜间施工许可公示")
    attach(visit, [photo("工地夜间施工.png")], PHOTO_TYPES, None)
    db.session.add_all([contact, group, case, meeting, slip, bulletin, message, reached, visit,
                        WorkdayOverride(day=date(2026, 12, 31), workday=False, note="跨年")])
    db.session.commit()
    return {"contact": contact, "case": case, "meeting": meeting, "slip": slip, "unit": housing, "visit": visit}


def png(width: int = 64, height: int = 48) -> bytes:
    """A real PNG picture (a grey gradient), made without an imaging library."""
    rows = b"".join(b"\x00" + bytes((x * 4 + y) % 256 for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def photo(name: str = "现场.png", data: bytes | None = None) -> FileStorage:
    """A file as a browser would upload it."""
    return FileStorage(io.BytesIO(png() if data is None else data), filename=name)


def queued(channel: MessageChannel, address: str, body: str = "督办单督办〔2026〕1号已下发，请及时签收办理。",
           **extra) -> Notification:
    """A message in the outbox, due now; ``address`` tells messages of one channel apart.  (A slip's
    notice: a deadline reminder would be withdrawn by the sweep, having no deadline behind it.)"""
    message = Notification(event=NotificationEvent.slip_issued, event_key=f"test:{address}:{channel.value}",
                           channel=channel, recipient=f"test:{address}", recipient_name="黄联络", address=address,
                           body=body, not_before=now_local(), **extra)
    db.session.add(message)
    db.session.commit()
    return message
