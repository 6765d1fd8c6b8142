"""Pages for the office, the departments and leaders."""
