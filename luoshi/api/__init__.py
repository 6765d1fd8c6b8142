"""The REST API of the tracker (django-ninja): plans, trees, targets, departments and
progress reports, read and (reports) write, with per-user bearer tokens and the permissions of
the pages (``luoshi.web.access``). The OpenAPI document is at ``/api/openapi.json``."""
