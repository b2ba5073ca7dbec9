// Every node with its labels and properties; used to compare whole databases.
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS properties
