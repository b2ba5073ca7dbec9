// One batch of the sweep that ends a replacement: relationships not written by generation $gen.
MATCH ()-[r:MENTIONS|HAS_CODE|RELATED_TO|BROADER]->()
WHERE coalesce(r.gen, "") <> $gen
WITH r LIMIT toInteger($limit)
DELETE r
RETURN count(*) AS deleted
