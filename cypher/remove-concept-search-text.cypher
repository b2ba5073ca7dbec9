// Test support: removes the search fields of every concept, as a version that did not store them
// left them, so the start-up migration can be checked.
MATCH (c:Concept)
REMOVE c.lengthText, c.typoText, c.phraseText
RETURN count(c) AS concepts
