// Papers mentioning one of the concepts $via, other than $paperId, each with every concept it
// shares with $paperId (ids only; the caller ranks them). A candidate's shared concepts are
// read from its own mentions, so the papers of $paperId's other concepts are never listed.
MATCH (p:Paper {id: $paperId})-[:MENTIONS]->(c:Concept)
WITH p, collect(c) AS mine
UNWIND $via AS via
MATCH (:Concept {id: via})<-[:MENTIONS]-(o:Paper)
WHERE o <> p
WITH DISTINCT mine, o
MATCH (o)-[:MENTIONS]->(c)
WHERE c IN mine
RETURN o.id AS id, collect(c.id) AS shared
