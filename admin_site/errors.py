"""Chinese error pages: nobody on the panel should meet an English error text."""

from flask import Flask, render_template
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def message_for(status: int) -> str:
    """What an HTTP error means, in Chinese: the pages and the API say it the same way."""
    messages = {
        400: gettext("The request could not be understood."),
        401: gettext("Log in or send a valid API token."),
        403: gettext("Your account may not open this page."),
        404: gettext("The page or record does not exist."),
        405: gettext("This action cannot be done that way."),
        413: gettext("What was sent is too large. Attach fewer or smaller files and try again."),
    }
    return messages.get(status, gettext("The request could not be handled."))


def _page(status: int, message: str):
    return render_template("error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        message = gettext("The page has expired or the request did not come from this site. Go back, refresh the page and try again.")  # noqa: E501
        return _page(400, message)

    @app.errorhandler(HTTPException)
    def http_error(error):
        return _page(error.code, message_for(error.code))

    @app.errorhandler(500)
    def server_error(error):
        return _page(500, gettext("A system error occurred; it has been logged. Please try again later."))
