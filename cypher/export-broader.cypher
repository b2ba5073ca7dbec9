MATCH (n:Concept)-[:BROADER]->(b:Concept)
RETURN n.id AS narrower, b.id AS broader
ORDER BY narrower, broader
