"""The in-memory index: the suffix array finds exactly what brute force finds; overlays."""

import random

from bson import ObjectId

from server.services.directory import index as directory_index
from server.services.directory.entries import entry_from_doc
from server.services.directory.names import normalize_name

WORDS = ["启航", "英语", "博雅", "书法", "星火", "编程", "ABC", "培训", "学校", "中心", "新东方"]


def doc(name, **fields):
    """A raw institution document, as stored."""
    return {"_id": ObjectId(), "name": name, "status": "whitelist", **fields}


def directory(count, seed=1):
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        name = "".join(rng.sample(WORDS, 3)) + str(n % 7)
        docs.append(doc(name, licence_no=f"教民{n:06d}号", aliases=[rng.choice(WORDS) + "教育"]))
    return [entry_from_doc(d) for d in docs]


def test_the_suffix_array_agrees_with_brute_force():
    entries = directory(300)
    snapshot = directory_index.build(entries, "e", 1)
    rng = random.Random(5)
    queries = ["英语", "yingyu", "yy", "qhyy", "abc", "教民000", "000012", "ongfang", "培训学校"]
    for _ in range(60):
        text = rng.choice(entries).names[0]
        start = rng.randrange(len(text) - 1)
        queries.append(text[start : start + rng.randint(1, 4)])
    for query in map(normalize_name, queries):
        expected = sorted(e.id for e in entries if e.matches(query))
        assert sorted(e.id for e in snapshot.select(query)) == expected, query


def test_an_overlay_hides_stale_entries_and_adds_new_ones():
    entries = directory(50)
    snapshot = directory_index.build(entries, "e", 1)
    changed = entry_from_doc({**doc("全新机构"), "_id": ObjectId(entries[0].id)})
    added = entry_from_doc(doc("另一家全新机构", status="blacklist"))
    later = snapshot.changed({changed.id: changed, added.id: added}, {entries[1].id}, 2)
    ids = [e.id for e in later.live()]
    assert len(ids) == 50
    assert entries[1].id not in ids
    assert added.id in ids
    assert [e.name for e in later.select("全新")] == ["另一家全新机构", "全新机构"]
    assert later.entry(entries[1].id) is None
    assert later.entry(changed.id).name == "全新机构"
    assert [e.id for e in later.select(None, {"status": "blacklist"})] == [added.id]
    assert len(snapshot.live()) == 50
    assert snapshot.entry(entries[1].id)
