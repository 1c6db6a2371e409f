-- plugpub schema 7: identity by key, for plugpub serve.
--
-- A new role, admin (manages users, roles and keys), so the users table is
-- made again with a roles CHECK that knows it. Other tables refer to users
-- by name, and foreign keys cannot be switched off inside the migration's
-- transaction, so they are deferred to its commit instead: the rows are
-- copied aside, the table dropped (its children's references dangle for
-- a moment) and made again under the same name, and putting the rows back
-- resolves every reference before the commit checks them.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE users_before_7 AS SELECT name, roles, buyer FROM users;
DROP TABLE users;
CREATE TABLE users (
	name  TEXT NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
	-- a comma list of roles, such as "developer,reviewer"
	roles TEXT NOT NULL CHECK (roles <> '' AND
		trim(replace(replace(replace(replace(roles, 'developer', ''), 'reviewer', ''), 'consumer', ''), 'admin', ''), ',') = ''),
	buyer TEXT NOT NULL DEFAULT '' CHECK (buyer IN ('', 'personal', 'enterprise'))
) STRICT;
INSERT INTO users (name, roles, buyer) SELECT name, roles, buyer FROM temp.users_before_7;
DROP TABLE temp.users_before_7;

-- A public key is one person's identity: its fingerprint is the key of the
-- table, so no key can be two users'. IF NOT EXISTS: the upgrade test
-- runs every migration again over a database that has them all.
CREATE TABLE IF NOT EXISTS user_keys (
	fingerprint TEXT    NOT NULL PRIMARY KEY CHECK (fingerprint GLOB 'SHA256:*' AND length(fingerprint) = 50),
	user        TEXT    NOT NULL REFERENCES users (name),
	type        TEXT    NOT NULL CHECK (type <> ''),
	comment     TEXT    NOT NULL DEFAULT '',
	public_key  TEXT    NOT NULL CHECK (public_key <> ''),
	added_by    TEXT    NOT NULL,
	added_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS user_keys_by_user ON user_keys (user, added_at);
