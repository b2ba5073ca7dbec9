// Every RELATED_TO / BROADER relationship joining each pair, with its stored direction.
UNWIND range(0, size($pairs) - 1) AS i
WITH i, $pairs[i] AS pair
MATCH (a:Concept {id: pair.a})-[r:RELATED_TO|BROADER]-(b:Concept {id: pair.b})
RETURN i AS index, type(r) AS kind, startNode(r).id AS start, r.weight AS weight, r.sharedPapers AS sharedPapers
