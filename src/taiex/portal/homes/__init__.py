"""The role homes: what waits for each role, oldest or most urgent first, each item a link to
where the action is done; and the head of unit's decision on several proposals at once."""
