# The dates of taiex in English: 3 Dec 2026 (Django's own English default is "Dec. 3, 2026").
DATE_FORMAT = "j M Y"
