// lowerNames: name and aliases lower-cased at write time with the same function the embedded store uses.
MATCH (c:Concept)
WHERE ($minPapers IS NULL OR c.paperCount >= $minPapers)
  AND ($needle IS NULL OR any(n IN c.lowerNames WHERE n CONTAINS $needle))
WITH c ORDER BY c.paperCount DESC, c.id
WITH collect(c) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched[toInteger($offset)..toInteger($offset) + toInteger($first)] | x {.id, .name, .acronym, .aliases, .paperCount}] AS items
