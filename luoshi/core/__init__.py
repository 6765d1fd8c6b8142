"""The tracker's domain: models, services, status rules."""
