// Fallback of concept-by-lookup-keys for concepts written before keyText existed: scans every concept.
// The first key that matches anything wins; among its concepts the most frequent, then the smallest id.
UNWIND range(0, size($keys) - 1) AS i
MATCH (c:Concept)
WHERE $keys[i] IN c.lookupKeys
RETURN c {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
ORDER BY i, c.paperCount DESC, c.id
LIMIT 1
