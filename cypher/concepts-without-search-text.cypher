// Concepts written before their search fields (lengthText, typoText, phraseText: see
// src/store/neo4j/search-plan.ts) were stored (migrated at start-up), a batch at a time.
MATCH (c:Concept)
WHERE c.lengthText IS NULL OR c.typoText IS NULL OR c.phraseText IS NULL
RETURN c.id AS id, c.name AS name, coalesce(c.aliases, []) AS aliases
LIMIT toInteger($limit)
