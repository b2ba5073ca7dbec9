// Test support: removes the pair key of every RELATED_TO relationship, as a version that did not key
// pairs left them, so the start-up migration can be checked.
MATCH ()-[r:RELATED_TO]->()
REMOVE r.pair
RETURN count(r) AS relationships
