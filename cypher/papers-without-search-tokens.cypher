// Papers written before their search token lists were stored (migrated at start-up), a batch at a time.
MATCH (p:Paper)
WHERE p.titleTokens IS NULL OR p.abstractTokens IS NULL
RETURN p.id AS id, p.title AS title, p.abstract AS abstract
LIMIT toInteger($limit)
