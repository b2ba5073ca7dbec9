// One batch of the sweep that ends a replacement: nodes not written by generation $gen.
MATCH (n:Paper|Concept|Repository)
WHERE coalesce(n.gen, "") <> $gen
WITH n LIMIT toInteger($limit)
DETACH DELETE n
RETURN count(*) AS deleted
