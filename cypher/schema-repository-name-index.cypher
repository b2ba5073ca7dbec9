CREATE INDEX repository_name IF NOT EXISTS FOR (r:Repository) ON (r.name)
