//! The audit trail's chain: when a change that wrote events commits, its events take the next
//! places after the chain's head, each hashed with the one before it. `audit verify` walks the
//! chain and names the first event that no longer fits: changed, removed or inserted.

use sha2::{Digest, Sha256};
use sqlx::Row;

use super::{Backend, Change, Store};

/// The hash of an event in its place: every field, each length-prefixed so that no two
/// different events serialise alike.
pub fn event_hash(previous: &str, seq: i64, fields: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in [previous, &seq.to_string()]
        .into_iter()
        .chain(fields.iter().copied())
    {
        hasher.update(part.len().to_string().as_bytes());
        hasher.update(b":");
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const FIELDS: &str = "event_id, at, actor, action, subject, detail, participant_id";

fn fields_of(row: &sqlx::any::AnyRow) -> anyhow::Result<Vec<String>> {
    Ok(vec![
        row.try_get::<String, _>("event_id")?,
        row.try_get::<i64, _>("at")?.to_string(),
        row.try_get::<String, _>("actor")?,
        row.try_get::<String, _>("action")?,
        row.try_get::<Option<String>, _>("subject")?
            .unwrap_or_default(),
        row.try_get::<String, _>("detail")?,
        row.try_get::<Option<String>, _>("participant_id")?
            .unwrap_or_default(),
    ])
}

impl Change {
    /// Retention: removes the events that happened before `cutoff` (oldest first, by place) and
    /// moves the chain's start after them; answers how many went.
    pub(super) async fn purge_audit_before(&mut self, cutoff: i64) -> anyhow::Result<u64> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        sqlx::query(&format!(
            "SELECT seq FROM audit_chain_head WHERE singleton = 1{lock}"
        ))
        .fetch_one(self.conn())
        .await?;
        let last: Option<(i64, String)> = sqlx::query_as(
            "SELECT seq, hash FROM audit_events WHERE seq = \
             (SELECT MAX(seq) FROM audit_events WHERE seq IS NOT NULL AND at < $1)",
        )
        .bind(cutoff)
        .fetch_optional(self.conn())
        .await?;
        let Some((seq, hash)) = last else {
            return Ok(0);
        };
        let removed = sqlx::query("DELETE FROM audit_events WHERE seq <= $1")
            .bind(seq)
            .execute(self.conn())
            .await?
            .rows_affected();
        sqlx::query(
            "UPDATE audit_chain_head SET base_seq = $1, base_hash = $2 WHERE singleton = 1",
        )
        .bind(seq)
        .bind(hash)
        .execute(self.conn())
        .await?;
        Ok(removed)
    }

    /// Chains every event this change can see unchained (its own, and any left from before the
    /// chain existed), after the head, which it holds until the commit.
    pub(super) async fn chain_audit_events(&mut self) -> anyhow::Result<()> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        let head = sqlx::query(&format!(
            "SELECT seq, hash FROM audit_chain_head WHERE singleton = 1{lock}"
        ))
        .fetch_one(self.conn())
        .await?;
        let (mut seq, mut hash): (i64, String) = (head.try_get("seq")?, head.try_get("hash")?);
        let rows = sqlx::query(&format!(
            "SELECT {FIELDS} FROM audit_events WHERE seq IS NULL ORDER BY at, event_id"
        ))
        .fetch_all(self.conn())
        .await?;
        if rows.is_empty() {
            return Ok(());
        }
        for row in &rows {
            let fields = fields_of(row)?;
            let previous = hash;
            seq += 1;
            let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
            hash = event_hash(&previous, seq, &refs);
            sqlx::query(
                "UPDATE audit_events SET seq = $1, prev_hash = $2, hash = $3 WHERE event_id = $4",
            )
            .bind(seq)
            .bind(&previous)
            .bind(&hash)
            .bind(&fields[0])
            .execute(self.conn())
            .await?;
        }
        sqlx::query("UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE singleton = 1")
            .bind(seq)
            .bind(&hash)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

/// What `audit verify` found.
#[derive(Debug, PartialEq, Eq)]
pub enum ChainReport {
    Intact {
        events: i64,
    },
    /// The first event (by its place) that does not fit, and why.
    Broken {
        seq: i64,
        event_id: String,
        why: &'static str,
    },
}

impl Store {
    /// Chains the events written before the chain existed (a start-up step; cheap when none).
    pub async fn chain_old_audit_events(&self, at: jiff::Timestamp) -> anyhow::Result<()> {
        let mut change = self.change(at).await?;
        change.chain_audit_events().await?;
        let _ = change.commit().await?;
        Ok(())
    }

    /// Walks the chain from its start and checks every link and the head.
    pub async fn verify_audit_chain(&self) -> anyhow::Result<ChainReport> {
        let rows = sqlx::query(&format!(
            "SELECT seq, prev_hash, hash, {FIELDS} FROM audit_events WHERE seq IS NOT NULL ORDER BY seq"
        ))
        .fetch_all(&self.pool)
        .await?;
        // A retention purge may have removed the oldest events: the chain starts after them.
        let base =
            sqlx::query("SELECT base_seq, base_hash FROM audit_chain_head WHERE singleton = 1")
                .fetch_one(&self.pool)
                .await?;
        let mut previous: String = base.try_get("base_hash")?;
        let mut expected_seq: i64 = base.try_get("base_seq")?;
        for row in &rows {
            let seq: i64 = row.try_get("seq")?;
            let fields = fields_of(row)?;
            let broken = |why| ChainReport::Broken {
                seq,
                event_id: fields[0].clone(),
                why,
            };
            expected_seq += 1;
            if seq != expected_seq {
                return Ok(broken("an event before this one is missing"));
            }
            let (prev, hash): (String, String) = (row.try_get("prev_hash")?, row.try_get("hash")?);
            if prev != previous {
                return Ok(broken("it does not follow the event before it"));
            }
            let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
            if event_hash(&previous, seq, &refs) != hash {
                return Ok(broken("its fields were changed after it was written"));
            }
            previous = hash;
        }
        let head = sqlx::query("SELECT seq, hash FROM audit_chain_head WHERE singleton = 1")
            .fetch_one(&self.pool)
            .await?;
        let (head_seq, head_hash): (i64, String) = (head.try_get("seq")?, head.try_get("hash")?);
        if head_seq != expected_seq || head_hash != previous {
            return Ok(ChainReport::Broken {
                seq: expected_seq + 1,
                event_id: String::new(),
                why: "the last events of the chain are missing",
            });
        }
        Ok(ChainReport::Intact {
            events: expected_seq - base.try_get::<i64, _>("base_seq")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_events_hash_depends_on_its_place_its_predecessor_and_every_field() {
        let base = event_hash("GENESIS", 1, &["e1", "5", "A", "LOGIN", "", "", ""]);
        assert_eq!(base.len(), 64);
        assert_ne!(
            base,
            event_hash("GENESIS", 2, &["e1", "5", "A", "LOGIN", "", "", ""])
        );
        assert_ne!(
            base,
            event_hash("other", 1, &["e1", "5", "A", "LOGIN", "", "", ""])
        );
        assert_ne!(
            base,
            event_hash("GENESIS", 1, &["e1", "5", "A", "LOGOUT", "", "", ""])
        );
        // Lengths are part of it: moving a character between fields changes the hash.
        assert_ne!(
            event_hash("GENESIS", 1, &["ab", "c"]),
            event_hash("GENESIS", 1, &["a", "bc"])
        );
    }
}
