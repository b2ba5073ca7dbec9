// Every mention of each concept; the caller picks the papers to draw.
UNWIND $ids AS id
MATCH (:Concept {id: id})<-[m:MENTIONS]-(p:Paper)
RETURN id AS conceptId, p.id AS paperId, m.confidence AS confidence
