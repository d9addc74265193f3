"""The embedded store: mongomock made as strict as MongoDB, with a query-plan check."""
