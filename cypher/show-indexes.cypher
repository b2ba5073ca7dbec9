SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties, options
RETURN name, type, state, labelsOrTypes, properties, options.indexConfig.`fulltext.analyzer` AS analyzer
ORDER BY name
