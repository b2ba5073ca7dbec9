// Every mention of each community's concepts; the caller ranks the papers.
UNWIND $ids AS id
MATCH (c:Concept {community: id})<-[m:MENTIONS]-(p:Paper)
RETURN id AS key, p.id AS paperId, c.id AS conceptId, m.confidence AS confidence
