// Test support: removes the lookup keys of every concept, as a version that did not index concept
// names left them, so the start-up migration can be checked.
MATCH (c:Concept)
REMOVE c.keyText, c.lookupKeys
RETURN count(c) AS concepts
