// The RELATED_TO relationship joining each pair of concepts, whichever direction it is stored in:
// one row per relationship found, with the index of its pair.
UNWIND range(0, size($pairs) - 1) AS i
WITH i, $pairs[i] AS pair
MATCH (:Concept {id: pair.a})-[r:RELATED_TO]-(:Concept {id: pair.b})
RETURN i AS index, r.sharedPapers AS sharedPapers, r.weight AS weight
