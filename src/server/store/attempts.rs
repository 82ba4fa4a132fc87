//! Attempt budgets (R24, R26c) kept in the database, so that every server instance spends from
//! the same budget: a counter per key and fixed window.

use jiff::{SignedDuration, Timestamp};

use super::Store;

/// One budget an attempt is charged to: at most `limit` attempts per `window` for `key`.
#[derive(Clone, Debug)]
pub struct Budget {
    pub key: String,
    pub limit: i64,
    pub window: SignedDuration,
}

impl Store {
    /// Charges one attempt to every budget; answers the seconds until all of them have room
    /// again when any is spent (the attempt is charged either way, so hammering never helps).
    pub async fn spend(&self, budgets: &[Budget], at: Timestamp) -> anyhow::Result<Option<u64>> {
        let now = at.as_millisecond();
        let mut retry_after: Option<u64> = None;
        for budget in budgets {
            let window = budget.window.as_millis().max(1) as i64;
            let window_start = now - now.rem_euclid(window);
            let (attempts,): (i64,) = sqlx::query_as(
                "INSERT INTO attempt_budgets (bucket, window_start, attempts) VALUES ($1, $2, 1) \
                 ON CONFLICT (bucket, window_start) DO UPDATE SET attempts = attempt_budgets.attempts + 1 \
                 RETURNING attempts",
            )
            .bind(&budget.key)
            .bind(window_start)
            .fetch_one(&self.pool)
            .await?;
            if attempts > budget.limit {
                let wait_ms = (window_start + window - now).max(1);
                let seconds = u64::try_from(wait_ms).unwrap_or(1).div_ceil(1000);
                retry_after = Some(retry_after.map_or(seconds, |s| s.max(seconds)));
            }
        }
        Ok(retry_after)
    }

    /// Forgets windows that ended before `before`.
    pub async fn prune_budgets(&self, before: Timestamp) -> anyhow::Result<u64> {
        Ok(
            sqlx::query("DELETE FROM attempt_budgets WHERE window_start < $1")
                .bind(before.as_millisecond())
                .execute(&self.pool)
                .await?
                .rows_affected(),
        )
    }
}
