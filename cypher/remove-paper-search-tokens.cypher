// Tests only: makes papers look as an earlier version wrote them (no search token lists).
MATCH (p:Paper)
REMOVE p.titleTokens, p.abstractTokens
RETURN count(p) AS papers
