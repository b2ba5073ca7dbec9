// The smallest id among the concepts joined to both $a and $b (RELATED_TO or BROADER, either
// direction): the middle of the lexicographically smallest two-hop path between them, found in
// the database without sending either end's neighbours.
MATCH (a:Concept {id: $a}), (b:Concept {id: $b})
MATCH (a)-[:RELATED_TO|BROADER]-(m:Concept)-[:RELATED_TO|BROADER]-(b)
WHERE m <> a AND m <> b
RETURN min(m.id) AS middle
