"""工作台: the page the panel opens on."""

from __future__ import annotations

from flask_admin import AdminIndexView, expose
from flask_login import current_user

from .. import access, dashboard, review
from ..models import (
    Case,
)
from .base import login_or_forbidden
from .bulletins import ranking_table


class DashboardView(AdminIndexView):
    """工作台: what needs the office's attention."""

    def is_accessible(self) -> bool:
        return current_user.is_authenticated

    def inaccessible_callback(self, name, **kwargs):
        return login_or_forbidden()

    @expose("/")
    def index(self):
        cases = next(view for view in self.admin._views if getattr(view, "model", None) is Case)
        # The proposals most worth reviewing, for those who review them (a unit is not one).
        proposals = review.top_proposed(current_user) if access.allowed(current_user, access.REVIEW, Case) else None
        return self.render("admin/dashboard.html", summary=dashboard.summary(current_user),
                           proposals=proposals, proposed_url=cases.proposed_url(),
                           charts=dashboard.charts(current_user), ranking_table=ranking_table,
                           level_colors=dashboard.LEVEL_COLORS,
                           status_url=lambda status: cases.filtered_url("status", status.value),
                           level_url=lambda level: cases.filtered_url("level", level.value))
