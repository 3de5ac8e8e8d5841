-- cache.sqlite as drydock wrote it before schema migrations existed: the statements LayerCache.open ran at
-- commit 221a71d (drydock-engine/src/main/java/dev/drydock/engine/cache/LayerCache.java), copied verbatim,
-- one statement per line. No schema_migrations table; inventories keyed by "path:<absolute path>".
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS layer_facts ( diff_id TEXT NOT NULL, analyzer TEXT NOT NULL, version INTEGER NOT NULL, options TEXT NOT NULL, format INTEGER NOT NULL, facts BLOB NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (diff_id, analyzer, version, options));
CREATE TABLE IF NOT EXISTS scans ( image_key TEXT PRIMARY KEY, target TEXT NOT NULL, result BLOB NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS verified_layers ( blob_digest TEXT NOT NULL, diff_id TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (blob_digest, diff_id));
CREATE TABLE IF NOT EXISTS blob_stamps ( path TEXT NOT NULL, entry TEXT NOT NULL, stamp TEXT NOT NULL, blob_digest TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (path, entry));
