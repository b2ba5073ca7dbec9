// keyText holds a concept's lookup keys, each hex-encoded (UTF-8) into one whitespace token, so a
// name lookup is an exact term query on this index instead of a scan of every concept's key list.
CREATE FULLTEXT INDEX kg_concept_keys IF NOT EXISTS
FOR (c:Concept) ON EACH [c.keyText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } }
