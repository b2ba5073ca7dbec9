// Which of the given ids have a node, by label: the stored ends a delta's edges need, and which
// of its concepts and repositories are already there.
UNWIND $paperIds AS id
MATCH (n:Paper {id: id})
RETURN 'PAPER' AS kind, n.id AS id
UNION ALL
UNWIND $conceptIds AS id
MATCH (n:Concept {id: id})
RETURN 'CONCEPT' AS kind, n.id AS id
UNION ALL
UNWIND $repositoryIds AS id
MATCH (n:Repository {id: id})
RETURN 'REPOSITORY' AS kind, n.id AS id
