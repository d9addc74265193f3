"""Staff accounts: the system administrator creates, renames and disables; the security
administrator grants roles and queues, resets passwords and second factors, ends sessions;
either unlocks. The services check who may change which field."""

from flask import request
from flask_restx import Namespace, Resource

from server.api_schemas import body_schema
from server.api_support import IDEMPOTENCY_HEADER, idempotency_key, json_body, object_id
from server.auth import current_staff, staff_required
from server.services.admin import (
    StaffCreate,
    StaffUpdate,
    create_staff,
    end_sessions,
    get_staff,
    reset_mfa,
    staff_detail,
    staff_page,
    unlock,
    update_staff,
)
from server.services.common import page_args, remember, staff_owner
from server.staff_api import schemas

ns = Namespace("staff", description="工作人员账号管理（管理员）")

create_request = body_schema(ns, StaffCreate)
update_request = body_schema(ns, StaffUpdate)


@ns.route("")
class StaffList(Resource):
    method_decorators = [staff_required(can="list_staff")]

    @ns.response(200, "one page", schemas.StaffPage)
    @schemas.errors("forbidden", "validation_error", *schemas.SIGNED_IN)
    def get(self):
        """Every staff account with roles and queues."""
        page, per_page = page_args(request.args)
        return staff_page(page, per_page, actor=current_staff())

    @ns.expect(create_request)
    @ns.doc(params=IDEMPOTENCY_HEADER)
    @ns.response(201, "created", schemas.StaffMember)
    @schemas.errors("conflict", "weak_password", *schemas.CREATE)
    def post(self):
        """Create an account; 409 `conflict` if the username is taken."""

        def create(unit):
            body = json_body()
            staff = create_staff(
                actor=current_staff(),
                unit=unit,
                username=body.get("username"),
                name=body.get("name"),
                password=body.get("password"),
                roles=body.get("roles"),
                queues=body.get("queues"),
            )
            return staff_detail(staff), 201

        return remember(staff_owner(current_staff()), "staff", idempotency_key(), create)


@ns.route("/<staff_id>")
class StaffItem(Resource):
    method_decorators = [staff_required(can="list_staff")]

    @ns.response(200, "the account", schemas.StaffMember)
    @schemas.errors("forbidden", "not_found", *schemas.SIGNED_IN)
    def get(self, staff_id):
        """One account."""
        return staff_detail(get_staff(object_id(staff_id), actor=current_staff()))

    @ns.expect(update_request)
    @ns.response(200, "the account", schemas.StaffMember)
    @schemas.errors("not_found", "conflict", "last_admin", "weak_password", *schemas.ADMIN_WRITE)
    def patch(self, staff_id):
        """Change name or active (admin), roles, queues or password (security_admin); 409
        `last_admin` keeps one active admin and one security admin."""
        staff = update_staff(object_id(staff_id), json_body(), actor=current_staff())
        return staff_detail(staff)


@ns.route("/<staff_id>/unlock")
class StaffUnlock(Resource):
    method_decorators = [staff_required(can="unlock_accounts")]

    @ns.response(204, "unlocked")
    @schemas.errors("forbidden", "not_found", *schemas.SIGNED_IN)
    def post(self, staff_id):
        """Clear the account's sign-in failure counts (every device): it may sign in again."""
        staff = current_staff()
        unlock(get_staff(object_id(staff_id), actor=staff), actor=staff)
        return "", 204


@ns.route("/<staff_id>/mfa/reset")
class StaffMfaReset(Resource):
    method_decorators = [staff_required(can="reset_credentials")]

    @ns.response(204, "the second factor removed: the account enrols again")
    @schemas.errors("forbidden", "not_found", *schemas.SIGNED_IN)
    def post(self, staff_id):
        """Remove the account's second factor (lost phone); audited."""
        staff = current_staff()
        reset_mfa(get_staff(object_id(staff_id), actor=staff), actor=staff)
        return "", 204


@ns.route("/<staff_id>/sessions/end")
class StaffSessionsEnd(Resource):
    method_decorators = [staff_required(can="reset_credentials")]

    @ns.response(204, "every token and console session of the account ended")
    @schemas.errors("forbidden", "not_found", *schemas.SIGNED_IN)
    def post(self, staff_id):
        """End every session of the account (API tokens and console); audited."""
        staff = current_staff()
        end_sessions(get_staff(object_id(staff_id), actor=staff), actor=staff)
        return "", 204
