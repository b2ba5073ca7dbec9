// One row per (citing paper, mentioned concept), with the number of papers for the IDF; the caller ranks them.
WITH COUNT { (:Paper) } AS totalPapers
UNWIND $ids AS id
MATCH (:Repository {id: id})<-[:HAS_CODE]-(:Paper)-[:MENTIONS]->(c:Concept)
RETURN id AS key, totalPapers, c {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
