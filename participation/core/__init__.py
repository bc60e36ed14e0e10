"""City, districts, projects, engagements and the audit log."""
