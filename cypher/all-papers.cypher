MATCH (p:Paper)
RETURN p {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson} AS paper
ORDER BY p.id
