"""Both Swagger specs as the app serves them, built without a store: a bare Flask app with
the two API blueprints, cheap enough to load while pytest collects (schemathesis
parametrises one test per operation from them)."""

from flask import Flask

from mini_program_api import create_blueprint as mp_blueprint
from server.api_support import ObjectIdConverter
from server.staff_api import create_blueprint as staff_blueprint

MP_SPEC, STAFF_SPEC = "/api/mp/v1/swagger.json", "/api/staff/v1/swagger.json"


def served_specs():
    """{path: spec dict} for both APIs, with the settings create_app gives restx."""
    app = Flask(__name__)
    app.config.update(RESTX_MASK_SWAGGER=False, ERROR_404_HELP=False, SERVER_NAME="localhost")
    app.url_map.converters["objectid"] = ObjectIdConverter
    app.register_blueprint(mp_blueprint())
    app.register_blueprint(staff_blueprint())
    client = app.test_client()
    return {path: client.get(path).get_json() for path in (MP_SPEC, STAFF_SPEC)}
