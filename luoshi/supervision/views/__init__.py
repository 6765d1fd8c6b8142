"""The 督办 pages: the office's 催办 page and the inbox (``notices``), 销号 (``closures``) and
考核 (``assessment``)."""

from .assessment import assessment, assessment_xlsx
from .closures import closure, closure_evidence, closure_queue, closure_review
from .notices import inbox, notice, plan_notices, read_all

__all__ = ["assessment", "assessment_xlsx", "closure", "closure_evidence", "closure_queue", "closure_review", "inbox",
           "notice", "plan_notices", "read_all"]
