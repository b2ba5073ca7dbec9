// One batch of the start-up migration that keys RELATED_TO pairs (see upsert-related.cypher): the
// relationships stored from the next $limit concepts in id order after $after.
MATCH (a:Concept)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT toInteger($limit)
CALL (a) {
  MATCH (a)-[r:RELATED_TO]->(b:Concept)
  WHERE r.pair IS NULL
  SET r.pair = CASE WHEN a.id < b.id THEN toString(size(a.id)) + ':' + a.id + b.id ELSE toString(size(b.id)) + ':' + b.id + a.id END
  RETURN count(r) AS keyed
}
RETURN count(a) AS concepts, max(a.id) AS last, sum(keyed) AS keyed
