"""Timeline: each district's status over time, a pure function of the claims."""
