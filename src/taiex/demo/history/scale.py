"""How much history to generate: the instrument's scale (DOMAIN.md, "Scale") and its shape
over the years."""

from dataclasses import dataclass, replace
from datetime import date

FIRST_YEAR = 1996
LAST_YEAR = 2025

# Relative activity by year: the build-up to the 2004 enlargement, a steady second decade,
# the pandemic's dip in 2020-2021 and fewer but larger events since (seed 001: 2022 had almost
# 800 events). Normalised to the requested total; years outside the table weigh 1,100.
YEAR_WEIGHTS = {
    1996: 450, 1997: 650, 1998: 900, 1999: 1100, 2000: 1300, 2001: 1500, 2002: 1650,
    2003: 1650, 2004: 1400, 2005: 1150, 2006: 1200, 2007: 1300, 2008: 1400, 2009: 1450,
    2010: 1400, 2011: 1400, 2012: 1450, 2013: 1500, 2014: 1500, 2015: 1550, 2016: 1600,
    2017: 1650, 2018: 1650, 2019: 1700, 2020: 900, 2021: 1050, 2022: 800, 2023: 950,
    2024: 1050, 2025: 1100,
}  # fmt: skip

# Online and hybrid events exist from mid-2020 on.
ONLINE_SINCE = date(2020, 6, 1)
# On-site events planned in the first pandemic months were mostly cancelled.
PANDEMIC = (date(2020, 3, 9), date(2020, 6, 30))


@dataclass(frozen=True)
class Scale:
    events: int = 40_000
    experts: int = 60_000
    participations: int = 1_000_000
    requests: int = 50_000
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR
    attendance: bool = False

    def scaled(self, factor):
        """Every count multiplied by `factor` (at least one of each)."""
        return replace(
            self,
            events=max(1, round(self.events * factor)),
            experts=max(1, round(self.experts * factor)),
            participations=max(0, round(self.participations * factor)),
            requests=max(0, round(self.requests * factor)),
        )

    @property
    def years(self):
        return list(range(self.first_year, self.last_year + 1))

    @property
    def as_of(self):
        """The day the history is told from: states and open requests are as on 1 January
        after the last year (not today's date, so that a seed always gives the same data)."""
        return date(self.last_year + 1, 1, 1)


def apportion(total, weights):
    """Split the integer `total` in proportion to `weights` (largest remainders), exactly."""
    weights = list(weights)
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    shares = [total * weight / whole for weight in weights]
    counts = [int(share) for share in shares]
    missing = total - sum(counts)
    by_remainder = sorted(
        range(len(weights)), key=lambda i: (counts[i] - shares[i], i)
    )  # largest remainder first
    for i in by_remainder[:missing]:
        counts[i] += 1
    return counts


def events_per_year(scale):
    weights = [YEAR_WEIGHTS.get(year, 1100) for year in scale.years]
    return dict(zip(scale.years, apportion(scale.events, weights), strict=True))
