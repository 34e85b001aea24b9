"""A columnar copy of the facets of every public event, kept in each process, from which the
search counts its facets and its results in memory instead of with a dozen GROUP BY queries.

Each public event is one position in a set of numpy arrays (beneficiary, window, type,
modality, kind of expert mission, year), with its several-valued facets (other beneficiaries,
chapters, clusters) as (position, value) pairs. A filter is a boolean mask over the positions; a
facet's counts are a `bincount` over the events that pass every other filter. Full text stays in
the database: the ids that match the words come from the search backend and become one more mask.

The copy is rebuilt when the events change: it remembers a version (the highest id and the
latest `updated_at` of the events, both read from an index) and is checked against it on every
use; it is also rebuilt after `MAX_AGE` seconds, so that a change that bypasses `save()` (a bulk
`update()`, a chapter list, a deletion) shows within that time. At 40,000 events it takes a few
MB and a quarter of a second to build, once per process and per change of an event.
"""

import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.db import connections, router

from taiex.reference.enums import AssistanceType, MissionKind, Modality
from taiex.reference.models import BeneficiaryPeriod, Chapter, Cluster, Country, Window

from ..models import Event
from ..search.term_cache import TermCache

MAX_AGE = 60.0
TYPES = list(AssistanceType.values)
MODALITIES = list(Modality.values)
KINDS = list(MissionKind.values)
_lock = threading.Lock()
_index = None


def events_version():
    """Changes whenever an event is added or saved: the highest id and the latest
    `updated_at` of the events (as the database gives them: only compared), each read from an
    index by its own subquery of one small statement (a count, or both maxima in one
    aggregate, would scan the table), written by hand: every public search reads it, and the
    ORM's two aggregates cost more than the database's work. A deleted event (events are
    cancelled, rarely deleted) shows within MAX_AGE."""
    database = connections[router.db_for_read(Event)]
    table = database.ops.quote_name(Event._meta.db_table)
    sql = f"SELECT (SELECT MAX(id) FROM {table}), (SELECT MAX(updated_at) FROM {table})"  # noqa: S608 - the model's table
    with database.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


@dataclass
class FacetIndex:
    version: tuple
    built_at: float
    ids: np.ndarray  # event ids, ascending (the positions)
    beneficiary: np.ndarray  # country id
    window: np.ndarray  # window id, -1 when none
    type: np.ndarray  # position in TYPES
    modality: np.ndarray  # position in MODALITIES, -1 when unknown
    kind: np.ndarray  # position in KINDS, -1 for a workshop or a study visit
    year: np.ndarray  # start year, 0 when undated
    newest_first: np.ndarray  # positions by start date (undated last), then id, descending
    oldest_first: np.ndarray  # positions by start date (undated last), then id, ascending
    recency: np.ndarray  # each position's rank in newest_first (ties of relevance)
    other_position: np.ndarray  # pairs: event position, other beneficiary (not the main one)
    other_country: np.ndarray
    chapter_position: np.ndarray  # pairs: event position, chapter id
    chapter_id: np.ndarray
    cluster_position: np.ndarray  # pairs (distinct): event position, cluster id
    cluster_id: np.ndarray
    countries: dict  # id -> (code, name, footnote)
    country_rows: dict  # id -> Country (its names and footnotes in every language)
    country_ids: dict  # code -> id
    windows: dict  # id -> (code, name)
    window_ids: dict  # code -> id
    peer_to_peer: set  # ids of the windows that are peer-to-peer strands
    # country id -> [(window id, valid_from, valid_to)], oldest first: the dated reference data
    # (BeneficiaryPeriod) by which the Beneficiary facet is grouped
    country_periods: dict
    chapters: dict  # id -> (number, name)
    chapter_ids: dict  # number -> id
    clusters: dict  # id -> (number, name)
    cluster_ids: dict  # number -> id
    # (kind, id) -> {language: name}: the facets' labels in the reader's language (search.py)
    translations: dict
    # What each term of a search matched, kept as long as this index (search/term_cache.py).
    term_cache: TermCache = field(default_factory=TermCache, compare=False, repr=False)

    @property
    def size(self):
        return len(self.ids)

    def positions_of(self, event_ids):
        """A mask of the positions of `event_ids` (ids that are not public are ignored)."""
        mask = np.zeros(self.size, dtype=bool)
        if len(event_ids):
            wanted = np.asarray(event_ids, dtype=np.int64)
            found = np.searchsorted(self.ids, wanted)
            found = found[found < self.size]
            mask[found[np.isin(self.ids[found], wanted)]] = True
        return mask

    def pairs_mask(self, positions, values, chosen):
        mask = np.zeros(self.size, dtype=bool)
        mask[positions[np.isin(values, chosen)]] = True
        return mask


COLUMNS = (
    "id",
    "beneficiary_id",
    "window_id",
    "event_type",
    "modality",
    "start_date",
    "mission_kind",
)


def build_index(version):
    from . import public_events

    rows = list(public_events().order_by("id").values_list(*COLUMNS))
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    type_of = {value: i for i, value in enumerate(TYPES)}
    modality_of = {value: i for i, value in enumerate(MODALITIES)}
    kind_of = {value: i for i, value in enumerate(KINDS)}

    def column(values, dtype):
        return np.fromiter(values, dtype=dtype, count=len(rows))

    beneficiary = column((row[1] for row in rows), np.int64)
    undated = np.iinfo(np.int64).max
    day = column((row[5].toordinal() if row[5] else undated for row in rows), np.int64)
    dated = day != undated
    # np.lexsort sorts by its last key first; undated events come last in both directions.
    newest_first = np.lexsort((-ids, np.where(dated, -day, undated)))
    oldest_first = np.lexsort((ids, day))
    public = public_events().values("pk")
    others = list(
        Event.other_beneficiaries.through.objects.filter(event_id__in=public).values_list(
            "event_id", "country_id"
        )
    )
    chapters = list(
        Event.chapters.through.objects.filter(event_id__in=public).values_list(
            "event_id", "chapter_id"
        )
    )
    chapter_rows = {c.pk: c for c in Chapter.objects.select_related("cluster")}
    index_of = {pk: i for i, pk in enumerate(ids.tolist())}
    other_pairs = [
        (index_of[e], c)
        for e, c in others
        if e in index_of and c != beneficiary[index_of[e]]
    ]  # fmt: skip
    chapter_pairs = [(index_of[e], c) for e, c in chapters if e in index_of]
    cluster_pairs = sorted(
        {
            (position, chapter_rows[c].cluster_id)
            for position, c in chapter_pairs
            if chapter_rows[c].cluster_id is not None
        }
    )

    def pairs(values):
        first = np.fromiter((p for p, _ in values), dtype=np.int64, count=len(values))
        second = np.fromiter((v for _, v in values), dtype=np.int64, count=len(values))
        return first, second

    other_position, other_country = pairs(other_pairs)
    chapter_position, chapter_id = pairs(chapter_pairs)
    cluster_position, cluster_id = pairs(cluster_pairs)
    country_rows = Country.objects.only(
        "code", "name", "official_footnote", "name_translations", "official_footnote_translations"
    )
    countries = {c.pk: (c.code, c.name, c.official_footnote) for c in country_rows}
    window_rows = Window.objects.only("code", "name", "name_translations", "is_peer_to_peer")
    windows = {w.pk: (w.code, w.name) for w in window_rows}
    country_periods = {}
    for country_id, window_id, valid_from, valid_to in BeneficiaryPeriod.objects.order_by(
        "valid_from", "pk"
    ).values_list("country_id", "window_id", "valid_from", "valid_to"):
        country_periods.setdefault(country_id, []).append((window_id, valid_from, valid_to))
    cluster_rows = list(Cluster.objects.all())
    clusters = {c.pk: (c.number, c.name) for c in cluster_rows}
    translations = {
        **{("country", c.pk): c.name_translations for c in country_rows},
        **{("footnote", c.pk): c.official_footnote_translations for c in country_rows},
        **{("window", w.pk): w.name_translations for w in window_rows},
        **{("cluster", c.pk): c.name_translations for c in cluster_rows},
        **{("chapter", pk): c.name_translations for pk, c in chapter_rows.items()},
    }
    return FacetIndex(
        version=version,
        built_at=time.monotonic(),
        ids=ids,
        beneficiary=beneficiary,
        window=column((-1 if row[2] is None else row[2] for row in rows), np.int64),
        type=column((type_of.get(row[3], -1) for row in rows), np.int8),
        modality=column((modality_of.get(row[4], -1) for row in rows), np.int8),
        kind=column((kind_of.get(row[6], -1) for row in rows), np.int8),
        year=column((row[5].year if row[5] else 0 for row in rows), np.int16),
        newest_first=newest_first,
        oldest_first=oldest_first,
        recency=np.argsort(newest_first),
        other_position=other_position,
        other_country=other_country,
        chapter_position=chapter_position,
        chapter_id=chapter_id,
        cluster_position=cluster_position,
        cluster_id=cluster_id,
        countries=countries,
        country_rows={c.pk: c for c in country_rows},
        country_ids={code: pk for pk, (code, _, _) in countries.items()},
        windows=windows,
        window_ids={code: pk for pk, (code, _) in windows.items()},
        peer_to_peer={w.pk for w in window_rows if w.is_peer_to_peer},
        country_periods=country_periods,
        chapters={pk: (c.number, c.name) for pk, c in chapter_rows.items()},
        chapter_ids={c.number: pk for pk, c in chapter_rows.items()},
        clusters=clusters,
        cluster_ids={number: pk for pk, (number, _) in clusters.items()},
        translations=translations,
    )


def facet_index():
    """The current index: the one in memory when the events have not changed since it was
    built (one cheap query), else a new one."""
    global _index  # noqa: PLW0603 - one index per process, replaced as a whole
    version = events_version()
    index = _index
    fresh = index is not None and time.monotonic() - index.built_at < MAX_AGE
    if fresh and index.version == version:
        return index
    with _lock:
        if _index is None or _index.version != version or _index is index:
            _index = build_index(version)
        return _index


def reset_facet_index():
    """Forget the index (tests: ids come back after a rollback)."""
    global _index  # noqa: PLW0603
    _index = None


def masks_of(index: FacetIndex, filters, matched_ids=None):
    """The mask of each chosen facet of `filters` (and "q" for the ids matching the words)."""
    masks = {}
    if filters.country:
        chosen = [index.country_ids.get(code, -1) for code in filters.country]
        masks["country"] = np.isin(index.beneficiary, chosen) | index.pairs_mask(
            index.other_position, index.other_country, chosen
        )
    if filters.window:
        masks["window"] = np.isin(
            index.window, [index.window_ids.get(code, -2) for code in filters.window]
        )
    if filters.type:
        masks["type"] = np.isin(index.type, [TYPES.index(t) for t in filters.type if t in TYPES])
    if filters.modality:
        chosen = [MODALITIES.index(m) for m in filters.modality if m in MODALITIES]
        masks["modality"] = np.isin(index.modality, chosen)
    if filters.kind:
        masks["kind"] = np.isin(index.kind, [KINDS.index(k) for k in filters.kind if k in KINDS])
    if filters.chapter:
        chosen = [index.chapter_ids.get(number, -1) for number in filters.chapter]
        masks["chapter"] = index.pairs_mask(index.chapter_position, index.chapter_id, chosen)
    if filters.cluster:
        chosen = [index.cluster_ids.get(number, -1) for number in filters.cluster]
        masks["cluster"] = index.pairs_mask(index.cluster_position, index.cluster_id, chosen)
    if filters.year:
        masks["year"] = np.isin(index.year, list(filters.year))
    if matched_ids is not None:
        masks["q"] = index.positions_of(matched_ids)
    return masks


def passing(index: FacetIndex, masks, *, leaving_out=None):
    mask = np.ones(index.size, dtype=bool)
    for name, condition in masks.items():
        if name != leaving_out:
            mask &= condition
    return mask


def counts(values, mask, *, pairs_position=None):
    """{value: number of events} over the events of `mask` (nonzero counts only)."""
    if pairs_position is not None:
        values = values[mask[pairs_position]]
    else:
        values = values[mask]
    values = values[values >= 0]
    if not len(values):
        return {}
    found, numbers = np.unique(values, return_counts=True)
    return dict(zip(found.tolist(), numbers.tolist(), strict=True))
