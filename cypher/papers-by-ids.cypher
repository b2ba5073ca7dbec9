UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson} AS paper
