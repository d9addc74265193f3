"""Driver instrumentation for the bench (and tests): documents read, and the index for each query.

`counting_reads()` wraps the driver's cursor classes (mongomock's, and pymongo's for a real
MongoDB) for the duration of a `with` block and counts every document a cursor hands to
the app, per collection; our code is not touched. `distinct()` values count as documents.
It also records each query's filter and sort on the collections that grow, so
`index_for(collection, filter, sort)` can name the declared index that serves it: on a
real MongoDB `explain()` answers; on mongomock (which has no planner) a stand-in picks
the declared index whose leading keys the filter's fields and then the sort cover
longest (equality and range fields, then sort keys, in index order), and says "none" when
not even the first key is covered.
"""

from collections import Counter
from contextlib import contextmanager

from mongomock import collection as mongomock_collection
from mongomock import command_cursor as mongomock_command_cursor
from pymongo.synchronous import command_cursor as pymongo_command_cursor
from pymongo.synchronous import cursor as pymongo_cursor

RECORDED = ("complaints", "photos", "institutions")


class Reads:
    """What happened inside one `counting_reads()` block."""

    def __init__(self):
        self.counts = Counter()
        self.queries = []  # (collection name, filter, sort or None)
        self.inside = 0  # > 0 while mongomock answers an aggregate or distinct itself

    @property
    def total(self):
        """Documents read from every collection."""
        return sum(self.counts.values())

    def of(self, name):
        """Documents read from one collection."""
        return self.counts.get(name, 0)


def _fields(spec):
    """Field names a filter constrains (top level and inside $and; $or branches apart)."""
    names = set()
    for key, value in (spec or {}).items():
        if key == "$and":
            for part in value:
                names |= _fields(part)
        elif not key.startswith("$"):
            names.add(key)
            if isinstance(value, dict) and "$elemMatch" in value:
                names |= {f"{key}.{sub}" for sub in _fields(value["$elemMatch"])}
    return names


def _branches(spec):
    """A filter as the list of filters its top-level (or $and-nested) $or stands for."""
    spec = dict(spec or {})
    ors = spec.pop("$or", None)
    if ors is None:
        for part in spec.get("$and", []):
            if "$or" in part:
                rest = [p for p in spec["$and"] if p is not part]
                return [{"$and": [*rest, b]} for b in part["$or"]]
        return [spec]
    return [{"$and": [spec, branch]} for branch in ors]


def _covered(keys, fields, sort):
    """How many leading index keys the filter fields, then the sort, cover."""
    count, sort = 0, list(sort or [])
    for key in keys:
        if key in fields:
            count += 1
        elif sort and sort[0] == key:
            sort.pop(0)
            count += 1
        else:
            break
    return count


def _declared(collection):
    return [
        (name, [k for k, _ in info["key"]]) for name, info in collection.index_information().items()
    ]


def _plan_one(collection, spec, sort):
    """The index covering most leading keys; of those, the one with fewest keys."""
    fields = _fields(spec)
    sort_keys = [k for k, _ in sort or []]
    best = None
    for name, keys in _declared(collection):
        covered = _covered(keys, fields, sort_keys)
        rank = (covered, -len(keys))
        if covered and (best is None or rank > best[0]):
            best = (rank, name)
    return best[1] if best else "none"


def index_for(collection, spec, sort=None):
    """The name of the index serving a query (explain on MongoDB, the stand-in on mongomock)."""
    if not isinstance(collection, mongomock_collection.Collection):
        cursor = collection.find(spec)
        if sort:
            cursor = cursor.sort(sort)
        return _winning_index(cursor.explain()["queryPlanner"]["winningPlan"])
    return " | ".join(dict.fromkeys(_plan_one(collection, b, sort) for b in _branches(spec)))


def _winning_index(plan):
    names = []
    stack = [plan]
    while stack:
        stage = stack.pop()
        if stage.get("indexName"):
            names.append(stage["indexName"])
        stack.extend(stage.get("inputStages", []))
        if stage.get("inputStage"):
            stack.append(stage["inputStage"])
        stack.extend(stage.get("queryPlan", {}).get("inputStages", []))
    return " | ".join(dict.fromkeys(names)) or "COLLSCAN"


def _wrap(patches, owner, name, replacement):
    patches.append((owner, name, owner.__dict__[name]))
    setattr(owner, name, replacement)


@contextmanager
def counting_reads():
    """Count documents read (and record queries) while the block runs."""
    reads, patches = Reads(), []

    def counted(original, name_of):
        def next_document(self):
            document = original(self)
            if not reads.inside:  # mongomock's aggregate and distinct read through cursors
                reads.counts[name_of(self)] += 1
            return document

        return next_document

    mm_cursor = mongomock_collection.Cursor
    mm_next = mm_cursor.__dict__["__next__"]
    _wrap(patches, mm_cursor, "__next__", counted(mm_next, lambda c: c.collection.name))
    _wrap(patches, mm_cursor, "next", counted(mm_next, lambda c: c.collection.name))
    mm_command = mongomock_command_cursor.CommandCursor
    command_next = mm_command.__dict__["next"]
    aggregate_name = lambda c: getattr(c, "_bench_collection", "(aggregate)")  # noqa: E731
    _wrap(patches, mm_command, "next", counted(command_next, aggregate_name))
    _wrap(patches, mm_command, "__next__", counted(command_next, aggregate_name))
    for module, cls in ((pymongo_cursor, "Cursor"), (pymongo_command_cursor, "CommandCursor")):
        owner = getattr(module, cls)
        original = owner.__dict__["next"]
        name_of = (
            (lambda c: c.collection.name) if cls == "Cursor" else (lambda c: c._collection.name)
        )
        _wrap(patches, owner, "next", counted(original, name_of))
    _record_queries(reads, patches)
    try:
        yield reads
    finally:
        for owner, name, original in reversed(patches):
            setattr(owner, name, original)


def _record_queries(reads, patches):  # noqa: C901 (one wrapper per driver method, kept together)
    """Record the filter (and the sort, once given) of each query on a recorded collection."""
    collection = mongomock_collection.Collection
    names = ("find", "aggregate", "distinct", "count_documents")
    find, aggregate, distinct, count = (collection.__dict__[n] for n in names)
    sort = mongomock_collection.Cursor.__dict__["sort"]

    def recorded_find(self, filter=None, *args, **kwargs):
        cursor = find(self, filter, *args, **kwargs)
        if self.name in RECORDED and not reads.inside:
            cursor._bench_query = len(reads.queries)
            reads.queries.append((self, filter or {}, None))
        return cursor

    def recorded_sort(self, key_or_list, direction=None):
        index = getattr(self, "_bench_query", None)
        if index is not None:
            keys = key_or_list if isinstance(key_or_list, list) else [(key_or_list, direction)]
            owner, spec, _ = reads.queries[index]
            reads.queries[index] = (owner, spec, keys)
        return sort(self, key_or_list, direction)

    def recorded_aggregate(self, pipeline, *args, **kwargs):
        reads.inside += 1
        try:
            cursor = aggregate(self, pipeline, *args, **kwargs)
        finally:
            reads.inside -= 1
        cursor._bench_collection = self.name
        if self.name in RECORDED and pipeline and "$match" in pipeline[0]:
            reads.queries.append((self, pipeline[0]["$match"], None))
        return cursor

    def recorded_distinct(self, key, filter=None, session=None):
        if self.name in RECORDED:
            reads.queries.append((self, filter or {}, None))
        reads.inside += 1
        try:
            values = distinct(self, key, filter, session)
        finally:
            reads.inside -= 1
        reads.counts[self.name] += len(values)
        return values

    def recorded_count(self, filter, **kwargs):
        if self.name in RECORDED:
            reads.queries.append((self, filter or {}, None))
        return count(self, filter, **kwargs)

    _wrap(patches, collection, "find", recorded_find)
    _wrap(patches, collection, "count_documents", recorded_count)
    _wrap(patches, mongomock_collection.Cursor, "sort", recorded_sort)
    _wrap(patches, collection, "aggregate", recorded_aggregate)
    _wrap(patches, collection, "distinct", recorded_distinct)


def indexes_used(reads, name="complaints"):
    """The indexes serving the recorded queries on one collection, each named once."""
    used = [
        index_for(owner, spec, sort) for owner, spec, sort in reads.queries if owner.name == name
    ]
    return ", ".join(dict.fromkeys(used)) or "-"
