"""The registry of screens and ``init_admin``.  Each screen lives in ``screens/``, one module per
group of the menu: roster, contacts, cases (and the 定期梳理), meetings and slips, messages, bulletins
and assessment, office tools, the gazetteer; ``screens/base.py`` is the scoped base they share."""

from __future__ import annotations

from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from . import privacy
from .config import PROJECT_ROOT
from .models import (
    AuditLog,
    Bulletin,
    Case,
    CitizenContact,
    Contact,
    Meeting,
    Member,
    MessageTemplate,
    Notification,
    Place,
    ProblemGroup,
    SiteVisit,
    Slip,
    Unit,
    User,
    WorkdayOverride,
    db,
)
from .screens.bulletins import AssessmentView, BulletinView
from .screens.cases import CaseView, CitizenContactView, ReviewView, SiteVisitView
from .screens.contacts import ContactView, ImportView, ProblemGroupView
from .screens.meetings import MeetingView, SlipView
from .screens.messages import MessageTemplateView, NotificationView
from .screens.office import AuditLogView, UserView, WorkdayOverrideView
from .screens.places import PlaceView
from .screens.roster import MemberView, UnitView
from .screens.workbench import DashboardView

# (view, model, menu name, endpoint, icon), in the order of the menu.
SCREENS = (
    (UnitView, Unit, _l("Member units"), "units", "fa-building"),
    (MemberView, Member, _l("Group members"), "members", "fa-users"),
    (ContactView, Contact, _l("Contacts"), "contacts", "fa-phone"),
    (ProblemGroupView, ProblemGroup, _l("Problem groups"), "groups", "fa-object-group"),
    (CaseView, Case, _l("Cases"), "cases", "fa-folder-open"),
    (MeetingView, Meeting, _l("Meetings"), "meetings", "fa-handshake-o"),
    (SlipView, Slip, _l("Slips"), "slips", "fa-file-text-o"),
    (SiteVisitView, SiteVisit, _l("Site work"), "site-visits", "fa-map-marker"),
    (CitizenContactView, CitizenContact, _l("Contacts with complainants"), "citizen-contacts", "fa-commenting-o"),
    (BulletinView, Bulletin, _l("Bulletins"), "bulletins", "fa-bullhorn"),
    (NotificationView, Notification, _l("Messages"), "messages", "fa-envelope"),
    (MessageTemplateView, MessageTemplate, _l("Message templates"), "message-templates", "fa-pencil-square-o"),
    (UserView, User, _l("Users"), "users", "fa-user-circle"),
    (WorkdayOverrideView, WorkdayOverride, _l("Working-day calendar"), "workdays", "fa-calendar"),
    (PlaceView, Place, _l("Gazetteer"), "places", "fa-map-o"),
    (AuditLogView, AuditLog, _l("Audit trail"), "audit", "fa-history"),
)
# Screens that are no one model's list (their rights are their own): (view, menu name, endpoint, icon,
# the endpoint of the screen they follow in the menu, or None for the end).
PAGES = (
    (ReviewView, _l("Periodic review"), "review", "fa-sort-amount-desc", "cases"),
    (ImportView, _l("Import contacts"), "import", "fa-upload", None),
    (AssessmentView, _l("Assessment"), "assessment", "fa-trophy", None),
)


def init_admin(app) -> Admin:
    """A fresh Admin for each app: a module-level one would break the second ``create_app``."""
    admin = Admin(
        app,
        name=_l("12345 Rapid Linkage"),
        theme=Bootstrap4Theme(base_template="admin/hotline_base.html", fluid=True),
        index_view=DashboardView(name=_l("Workbench"), url="/admin", menu_icon_type="fa",
                                 menu_icon_value="fa-tachometer"),
        translations_path=str(PROJECT_ROOT / "translations"),
    )
    screens = [(view_class, model, name) for view_class, model, name, _, _ in SCREENS]
    pages: dict[str | None, list] = {}
    for page in PAGES:
        pages.setdefault(page[-1], []).append(page)

    def add_pages(after: str | None) -> None:
        for view_class, name, endpoint, icon, _ in pages.get(after, ()):
            admin.add_view(view_class(name=name, endpoint=endpoint, menu_icon_type="fa", menu_icon_value=icon))

    for view_class, model, name, endpoint, icon in SCREENS:
        options = {"screens": screens} if view_class is AuditLogView else {}
        admin.add_view(view_class(model, db, name=name, endpoint=endpoint, menu_icon_type="fa",
                                  menu_icon_value=icon, **options))
        add_pages(endpoint)
    add_pages(None)
    # Free text in templates as the account may read it: {{ case.title | masked(case) }}
    app.add_template_filter(lambda text, record=None: privacy.free_text(
        current_user, text, privacy.complainants(record) if record is not None else ()), "masked")
    return admin
