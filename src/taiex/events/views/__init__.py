"""Pages of events, one module per part: the event itself (list, page, moves), agenda and
documents, participants and attendance, logistics and fees, the mission report, calendars."""
