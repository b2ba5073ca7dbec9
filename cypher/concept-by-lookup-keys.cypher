// The first key that matches anything wins; among its concepts the most frequent, then the smallest id.
// $query: the hex-encoded keys, quoted and OR'd ($index: kg_concept_keys); $keys: the keys in order.
CALL db.index.fulltext.queryNodes($index, $query) YIELD node AS c
WITH c, [i IN range(0, size($keys) - 1) WHERE $keys[i] IN c.lookupKeys] AS hits
WHERE size(hits) > 0
RETURN c {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
ORDER BY hits[0], c.paperCount DESC, c.id
LIMIT 1
