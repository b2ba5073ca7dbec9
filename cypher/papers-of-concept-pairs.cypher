// Papers mentioning both concepts of each pair, with both confidences; the caller ranks them.
UNWIND range(0, size($pairs) - 1) AS i
WITH i, $pairs[i] AS pair
MATCH (:Concept {id: pair.a})<-[ma:MENTIONS]-(p:Paper)-[mb:MENTIONS]->(:Concept {id: pair.b})
RETURN i AS index, p.id AS paperId, ma.confidence AS a, mb.confidence AS b
