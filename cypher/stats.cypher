RETURN COUNT { (:Paper) } AS papers,
  COUNT { (:Concept) } AS concepts,
  COUNT { (:Repository) } AS repositories,
  COUNT { ()-[:MENTIONS]->() } AS mentions
