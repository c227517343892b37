"""Flask extension objects, created unbound and attached to an app by the factory."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

# Locales we ship a catalog for; anything else would make Babel fail on every page.
SUPPORTED_LOCALES = ("zh_Hans_CN",)

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
migrate = Migrate()


def select_locale() -> str:
    """The office works in Chinese only; the allow-list keeps a bad setting from breaking pages."""
    from flask import current_app

    wanted = current_app.config["BABEL_DEFAULT_LOCALE"]
    return wanted if wanted in SUPPORTED_LOCALES else SUPPORTED_LOCALES[0]
