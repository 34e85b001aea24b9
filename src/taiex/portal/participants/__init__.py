"""The participant's own page, reached through the signed personal link of their registration
(no account): the registration and its state, the event and its agenda, the meeting link, the
documents, the evaluation, and cancelling; and the public form that sends the link again."""
