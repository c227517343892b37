"""Chinese error pages: nobody on the panel should meet an English error text."""

from flask import Flask, render_template
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def _page(status: int, message: str):
    return render_template("error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        message = gettext("The page has expired or the request did not come from this site. Go back, refresh the page and try again.")  # noqa: E501
        return _page(400, message)

    @app.errorhandler(HTTPException)
    def http_error(error):
        messages = {
            400: gettext("The request could not be understood."),
            403: gettext("Your account may not open this page."),
            404: gettext("The page or record does not exist."),
            405: gettext("This action cannot be done that way."),
        }
        return _page(error.code, messages.get(error.code, gettext("The request could not be handled.")))

    @app.errorhandler(500)
    def server_error(error):
        return _page(500, gettext("A system error occurred; it has been logged. Please try again later."))
