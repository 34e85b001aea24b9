# The dates of taiex in French: 8 mars 2017; numbers and money as Django's French formats
# (1 234,50, the thousands separated by a no-break space).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
