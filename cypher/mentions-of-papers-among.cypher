// For each paper $ids, which of the concepts $concepts it mentions (ids only; papers mentioning none
// are left out). The concepts are matched first, so a paper's other mentions are told apart by node.
MATCH (c:Concept) WHERE c.id IN $concepts
WITH collect(c) AS among
UNWIND $ids AS id
MATCH (:Paper {id: id})-[:MENTIONS]->(c)
WHERE c IN among
RETURN id, collect(c.id) AS shared
