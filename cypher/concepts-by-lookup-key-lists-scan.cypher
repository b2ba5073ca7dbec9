// Fallback of concepts-by-lookup-key-lists for concepts written before keyText existed: scans every concept.
// Every concept answering to any of $keys (the lookup keys of all names asked, flattened), with the
// keys it answers to; the caller picks, per name, the first key that finds anything and among its
// concepts the preferred one. One pass over the concepts, however many names are asked.
MATCH (c:Concept)
WHERE any(k IN c.lookupKeys WHERE k IN $keys)
RETURN [k IN c.lookupKeys WHERE k IN $keys] AS keys, c {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
