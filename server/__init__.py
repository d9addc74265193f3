"""The service: the app factory (`server.app.create_app`), the HTTP layers (`staff_api/`,
`console/`), the worker and the CLI, over the domains in `services/` and the store in
`db/`. Importing a module of this package loads only what that module needs."""
