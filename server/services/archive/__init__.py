"""The institution archive admins keep: records, fields, files, import, codes, posters."""
