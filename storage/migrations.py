"""Ordered, append-only schema migrations; each applied version is recorded in `schema_migrations`.

Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

# A migration is (name, script): one script in the SQLite dialect, whose column types `storage.dialect`
# translates for PostgreSQL, or {"sqlite": ..., "postgresql": ...} where the two must differ.
Migration = tuple[str, str | dict[str, str]]

MIGRATIONS: tuple[Migration, ...] = (
    (
        "initial schema",
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            official_for TEXT NOT NULL DEFAULT '[]',      -- JSON list of entity ids
            origin TEXT NOT NULL DEFAULT 'config',        -- config | chat | opml
            etag TEXT,
            last_modified TEXT,
            interval_s REAL,                              -- NULL: the configured default
            next_check_at REAL NOT NULL DEFAULT 0,        -- unix seconds
            last_checked_at REAL,
            last_success_at REAL,
            last_error TEXT,
            last_error_at REAL,
            error_count INTEGER NOT NULL DEFAULT 0,
            failing INTEGER NOT NULL DEFAULT 0,
            polled_once INTEGER NOT NULL DEFAULT 0,
            added_at REAL NOT NULL
        );
        CREATE INDEX feeds_due ON feeds(next_check_at);

        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            identity TEXT NOT NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            link TEXT NOT NULL,
            published_at REAL NOT NULL,
            fetched_at REAL NOT NULL,
            content_hash TEXT NOT NULL,
            story_id INTEGER,
            edits INTEGER NOT NULL DEFAULT 0,
            UNIQUE (feed_id, identity)
        );
        CREATE INDEX items_story ON items(story_id);
        CREATE INDEX items_fetched ON items(fetched_at);

        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            names TEXT NOT NULL                            -- JSON list
        );

        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            topic TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            texts TEXT NOT NULL DEFAULT '[]',
            keywords TEXT NOT NULL DEFAULT '[]',
            officials TEXT NOT NULL DEFAULT '[]',
            origin TEXT NOT NULL DEFAULT 'config',
            status TEXT NOT NULL DEFAULT 'unverified',
            status_reason TEXT NOT NULL DEFAULT '',
            status_changed_at REAL,
            created_at REAL NOT NULL
        );
        CREATE INDEX claims_topic ON claims(topic);

        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL,
            level TEXT NOT NULL,                           -- match | candidate
            score REAL NOT NULL,
            stance TEXT NOT NULL,
            cue TEXT NOT NULL DEFAULT '',
            official TEXT,                                 -- NULL | source | reported
            official_entity TEXT,
            sentence TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (claim_id, item_id)
        );
        CREATE INDEX evidence_claim ON evidence(claim_id, created_at);

        CREATE TABLE chats (
            chat_id INTEGER PRIMARY KEY,
            type TEXT NOT NULL DEFAULT 'private',
            title TEXT NOT NULL DEFAULT '',
            language TEXT,                                 -- NULL: follow the user's language_code
            alert_level TEXT NOT NULL DEFAULT 'all',       -- official | all | status
            delivery TEXT NOT NULL DEFAULT 'instant',      -- instant | hourly | daily
            quiet_start TEXT,                              -- 'HH:MM' or NULL
            quiet_end TEXT,
            timezone TEXT NOT NULL DEFAULT 'UTC',
            active INTEGER NOT NULL DEFAULT 1,
            gone_reason TEXT,
            created_at REAL NOT NULL
        );

        CREATE TABLE subscriptions (
            chat_id INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
            thread_id INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL,                            -- claim | topic
            target TEXT NOT NULL,
            muted INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            PRIMARY KEY (chat_id, thread_id, kind, target)
        );
        CREATE INDEX subscriptions_target ON subscriptions(kind, target);

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            thread_id INTEGER NOT NULL DEFAULT 0,
            claim_id TEXT NOT NULL,
            story_id INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL,                            -- evidence | official | status
            text TEXT NOT NULL,                            -- Telegram HTML
            state TEXT NOT NULL DEFAULT 'pending',         -- pending | sent | dead
            not_before REAL NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            created_at REAL NOT NULL,
            sent_at REAL,
            message_id INTEGER,
            UNIQUE (chat_id, thread_id, claim_id, story_id, kind)
        );
        CREATE INDEX outbox_pending ON outbox(state, not_before);
        """,
    ),
    (
        "chat language seen from users",
        """
        -- The language_code of the last user who spoke in the chat ('en', 'zh', ...): alerts to a chat
        -- with no language set are written in it.
        ALTER TABLE chats ADD COLUMN seen_language TEXT;
        """,
    ),
    (
        "outbox: held alerts (digests, quiet hours) and per-chat pending lookups",
        """
        ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0;   -- 1: bundle into a digest when due
        CREATE INDEX outbox_chat_pending ON outbox(chat_id, thread_id, state, not_before);
        """,
    ),
    (
        "suggested claims, channels subscribed by their administrators, link previews",
        """
        -- A claim anyone suggests: a draft until its author confirms, then pending for the bot's admins.
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            user_id BIGINT NOT NULL,
            chat_id BIGINT NOT NULL,                       -- where the author is told the outcome
            author TEXT NOT NULL DEFAULT '',               -- the author's name, as the admins see it
            language TEXT NOT NULL DEFAULT 'en',
            text TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'draft',           -- draft | pending | approved | rejected | withdrawn
            claim_id TEXT,                                 -- the claim tracked on approval
            created_at REAL NOT NULL,
            sent_at REAL,
            decided_at REAL,
            decided_by BIGINT
        );
        CREATE INDEX suggestions_user ON suggestions(user_id, state);

        -- Each admin's copy of a pending suggestion, redrawn with the outcome once one admin decides.
        CREATE TABLE suggestion_messages (
            suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
            chat_id BIGINT NOT NULL,
            message_id BIGINT NOT NULL,
            PRIMARY KEY (suggestion_id, chat_id)
        );

        -- Who subscribed a channel, from a private chat: they manage its subscriptions from there.
        CREATE TABLE channel_admins (
            channel_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            added_at REAL NOT NULL,
            PRIMARY KEY (channel_id, user_id)
        );
        CREATE INDEX channel_admins_user ON channel_admins(user_id);

        ALTER TABLE chats ADD COLUMN previews TEXT NOT NULL DEFAULT 'off';   -- on | off: link previews in alerts
        """,
    ),
    (
        "feeds: the URL the configuration gave, kept when the feed moves for good",
        """
        -- A configured feed that answered 301/308 is stored under its new URL; the configuration still
        -- names the old one, and this column lets the next start recognise it instead of adding it again.
        ALTER TABLE feeds ADD COLUMN config_url TEXT;
        UPDATE feeds SET config_url = url WHERE origin = 'config';
        CREATE INDEX feeds_config_url ON feeds(config_url);
        """,
    ),
    (
        "chats: the bot may not send there (rights lost), since when and why",
        """
        -- Set while Telegram refuses the bot's messages in a group for lack of rights: its alerts wait and
        -- its subscriptions stay; cleared when a message goes through again.
        ALTER TABLE chats ADD COLUMN cannot_send_since REAL;
        ALTER TABLE chats ADD COLUMN cannot_send_reason TEXT;
        """,
    ),
    (
        "text vectors of the sentence encoder",
        """
        -- One vector per (text, model): claim texts are encoded once, not at every start or /track.
        -- vector holds float32 values, little-endian, dim of them.
        CREATE TABLE text_vectors (
            text TEXT NOT NULL,
            model TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (text, model)
        );
        """,
    ),
    (
        "several processes: feed leases and the shared story index",
        """
        -- A poller claims a due feed until lease_until (unix seconds); a dead poller's feeds come back after it.
        ALTER TABLE feeds ADD COLUMN lease_until REAL NOT NULL DEFAULT 0;
        -- One row per item placed in a story, in the order they were placed (seq): every process reads the
        -- rows placed since it last looked, so copies fetched by different pollers land in one story.
        -- Marks are committed before their items (see bot.stories), hence no foreign key: a mark whose
        -- item was never stored (a crash) still names its story, which later copies join.
        CREATE TABLE story_marks (
            seq INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL UNIQUE,
            story_id INTEGER NOT NULL,
            link TEXT NOT NULL,
            title_sig BLOB NOT NULL,
            title_words INTEGER NOT NULL,
            short_cjk_title INTEGER NOT NULL,
            body_sig BLOB NOT NULL,
            published REAL NOT NULL
        );
        CREATE INDEX story_marks_published ON story_marks(published);
        """,
    ),
)
