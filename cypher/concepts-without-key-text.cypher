// Concepts written before their lookup keys were indexed (migrated at start-up), a batch at a time.
MATCH (c:Concept)
WHERE c.keyText IS NULL OR c.lookupKeys IS NULL
RETURN c.id AS id, c.name AS name, c.acronym AS acronym, coalesce(c.aliases, []) AS aliases
LIMIT toInteger($limit)
