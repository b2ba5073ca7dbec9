MATCH (a:Concept)-[r:RELATED_TO]->(b:Concept)
RETURN a.id AS source, b.id AS target, r.sharedPapers AS sharedPapers, r.weight AS weight
ORDER BY source, target
