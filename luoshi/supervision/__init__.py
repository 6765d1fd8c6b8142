"""督办: the office's supervision cycle over a plan — reporting cycles and the period each
report belongs to, reminders, 催办 and escalation to the leader in charge (``luoshi remind``),
an inbox per person, 销号 (closing a target on evidence) and the year-end 考核 of departments."""
