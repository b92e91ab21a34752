/// The coordinator's schema. Append new migrations; never edit released ones.
///
/// Personal data of a case (name, contact, notes) lives only in `case_personal`,
/// which nothing sent to workers reads. Embeddings are little-endian fp32 blobs.
public enum CoordinatorSchema {
    public static let migrations: [Migration] = [
        Migration(version: 1, sql: """
            CREATE TABLE cases (
                id              INTEGER PRIMARY KEY,
                status          TEXT    NOT NULL CHECK (status IN ('open', 'found', 'withdrawn')),
                sex             INTEGER NOT NULL,
                birth_date      INTEGER NOT NULL,
                missing_since   INTEGER NOT NULL,
                last_seen_lat   REAL    NOT NULL,
                last_seen_lon   REAL    NOT NULL,
                province        TEXT,
                marks           TEXT    NOT NULL,
                registered_at   INTEGER NOT NULL,
                closed_at       INTEGER,
                close_note      TEXT
            );
            CREATE TABLE case_personal (
                case_id         INTEGER PRIMARY KEY REFERENCES cases(id),
                child_name      TEXT    NOT NULL,
                guardian_contact TEXT   NOT NULL,
                notes           TEXT    NOT NULL,
                home_province   TEXT
            );
            CREATE TABLE case_photos (
                case_id         INTEGER NOT NULL REFERENCES cases(id),
                position        INTEGER NOT NULL,
                embedding       BLOB    NOT NULL,
                PRIMARY KEY (case_id, position)
            );
            CREATE TABLE sightings (
                id              INTEGER PRIMARY KEY,
                observed_at     INTEGER NOT NULL,
                lat             REAL    NOT NULL,
                lon             REAL    NOT NULL,
                province        TEXT,
                sex             INTEGER NOT NULL,
                age_lo          REAL,
                age_hi          REAL,
                marks           TEXT    NOT NULL,
                photo_sha256    BLOB,
                photo_phash     BLOB,
                repost_of       INTEGER REFERENCES sightings(id),
                submitter_ref   TEXT    NOT NULL,
                received_at     INTEGER NOT NULL,
                matched_at      INTEGER
            );
            CREATE INDEX sightings_unmatched ON sightings(id) WHERE matched_at IS NULL AND repost_of IS NULL;
            CREATE INDEX sightings_sha ON sightings(photo_sha256) WHERE photo_sha256 IS NOT NULL;
            CREATE TABLE sighting_faces (
                sighting_id     INTEGER NOT NULL REFERENCES sightings(id),
                position        INTEGER NOT NULL,
                embedding       BLOB    NOT NULL,
                PRIMARY KEY (sighting_id, position)
            );
            CREATE TABLE alerts (
                id              TEXT    PRIMARY KEY,
                case_id         INTEGER NOT NULL REFERENCES cases(id),
                sighting_id     INTEGER NOT NULL REFERENCES sightings(id),
                score           REAL    NOT NULL,
                face            REAL    NOT NULL,
                marks           REAL    NOT NULL,
                tier            TEXT    NOT NULL CHECK (tier IN ('urgent', 'review')),
                created_at      INTEGER NOT NULL,
                UNIQUE (case_id, sighting_id)
            );
            -- Every message published on the alert PUB socket, by topic and sequence,
            -- so a late subscriber catches up without a gap.
            CREATE TABLE publications (
                topic           TEXT    NOT NULL,
                seq             INTEGER NOT NULL,
                payload         BLOB    NOT NULL,
                PRIMARY KEY (topic, seq)
            ) WITHOUT ROWID;
            CREATE TABLE reviews (
                id              INTEGER PRIMARY KEY,
                alert_id        TEXT    NOT NULL REFERENCES alerts(id),
                reviewer        TEXT    NOT NULL,
                decision        TEXT    NOT NULL CHECK (decision IN ('confirm', 'reject')),
                reason          TEXT    NOT NULL,
                decided_at      INTEGER NOT NULL
            );
            -- Client request ids already answered, so a retried request gets the same reply.
            CREATE TABLE client_requests (
                request_id      TEXT    PRIMARY KEY,
                reply           BLOB    NOT NULL,
                answered_at     INTEGER NOT NULL
            ) WITHOUT ROWID;
            -- Append-only: review decisions and every operator read of personal data.
            CREATE TABLE audit_log (
                id              INTEGER PRIMARY KEY,
                at              INTEGER NOT NULL,
                actor           TEXT    NOT NULL,
                action          TEXT    NOT NULL,
                subject         TEXT    NOT NULL,
                reason          TEXT    NOT NULL
            );
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """),
        // A sighting the coordinator gave up on (its match tries ran out): why.
        // Such a sighting also has `matched_at` set, so a restart does not requeue it.
        Migration(version: 2, sql: """
            ALTER TABLE sightings ADD COLUMN failed_reason TEXT;
            """),
        // Sighting progress (ShowSighting): a sighting's alerts, and an alert's
        // review, found without a scan.
        Migration(version: 3, sql: """
            CREATE INDEX alerts_by_sighting ON alerts(sighting_id);
            CREATE INDEX reviews_by_alert ON reviews(alert_id);
            """),
        // Retention (issue 14): request-id replies and published frames are deleted
        // after `coordinator.retentionDays`. Frames published before this migration
        // count from the migration's time (they are kept a full retention period).
        Migration(version: 4, sql: """
            ALTER TABLE publications ADD COLUMN published_at INTEGER NOT NULL DEFAULT 0;
            UPDATE publications SET published_at = CAST(strftime('%s','now') AS INTEGER);
            CREATE INDEX client_requests_answered ON client_requests(answered_at);
            CREATE INDEX publications_published ON publications(published_at);
            """),
        // Issue 13: the audit log is hash-chained (AuditChain) and names the
        // role of the key that acted. Rows from before have no hash; verify
        // accepts them only before the first chained row.
        Migration(version: 5, sql: """
            ALTER TABLE audit_log ADD COLUMN role TEXT NOT NULL DEFAULT '';
            ALTER TABLE audit_log ADD COLUMN prev_hash BLOB;
            ALTER TABLE audit_log ADD COLUMN hash BLOB;
            """),
        // Issue 15: photos kept for review, sealed with the data key like
        // personal data (CoordinatorStore+Photos). `keep_days` is the
        // retention in force when kept; `released_at` the first retention pass
        // that found no open case needing the photo.
        Migration(version: 6, sql: """
            CREATE TABLE kept_case_photos (
                case_id         INTEGER NOT NULL REFERENCES cases(id),
                idx             INTEGER NOT NULL,
                photo           BLOB    NOT NULL,
                kept_at         INTEGER NOT NULL,
                keep_days       INTEGER NOT NULL,
                released_at     INTEGER,
                PRIMARY KEY (case_id, idx)
            ) WITHOUT ROWID;
            CREATE TABLE kept_sighting_photos (
                sighting_id     INTEGER PRIMARY KEY REFERENCES sightings(id),
                photo           BLOB    NOT NULL,
                kept_at         INTEGER NOT NULL,
                keep_days       INTEGER NOT NULL,
                released_at     INTEGER
            );
            """),
    ]
}
