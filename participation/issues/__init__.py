"""Map-based issue reporting: categories, reports, statuses, support and follows."""
