"""The pages, one module per page or group of pages. Each view resolves the tenant and the
permission (``web.access``), parses its form and calls a service of ``core.services``."""

from .compare import compare
from .departments import department, me
from .exports import bulletin_docx, bulletin_page, progress_data, task_table_file
from .home import home
from .imports import import_preview, import_upload
from .plans import assign_departments, dashboard, suggest_departments, tree
from .reviews import evidence, review, review_queue
from .tables import progress_form_file, progress_form_import, task_table_import
from .targets import target

__all__ = [
    "assign_departments", "bulletin_docx", "compare", "bulletin_page", "dashboard", "department", "evidence", "home", "import_preview", "import_upload", "me",
    "progress_data", "progress_form_file", "progress_form_import", "review", "review_queue", "suggest_departments", "target", "task_table_file", "task_table_import", "tree",
]
