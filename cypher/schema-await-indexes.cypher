// Blocks until every index is online, so the first search after init() sees all data.
CALL db.awaitIndexes($timeoutSeconds)
