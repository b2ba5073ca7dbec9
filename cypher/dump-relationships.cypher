// Every relationship with its end points and properties; used to compare whole databases.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a) AS fromLabels, a.id AS fromId, labels(b) AS toLabels, b.id AS toId,
  properties(r) AS properties
