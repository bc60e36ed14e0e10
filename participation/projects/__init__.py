"""Project threads: one living timeline per city project (updates, decisions,
milestones, questions and answers, follows, feeds)."""
