//! Attempt budgets (R24, R26c) kept in the database, so that every server instance spends from
//! the same budget: a counter per key and fixed window.

use jiff::Timestamp;

use super::Store;
use crate::server::security::throttle::Budget;

impl Store {
    /// Charges one attempt to every budget, in one statement; answers the seconds until all
    /// of them have room again when any is spent (the attempt is charged either way, so
    /// hammering never helps).
    pub async fn spend(&self, budgets: &[Budget], at: Timestamp) -> anyhow::Result<Option<u64>> {
        if budgets.is_empty() {
            return Ok(None);
        }
        let now = at.as_millisecond();
        let windows: Vec<(i64, i64)> = budgets
            .iter()
            .map(|b| {
                let length = b.window.as_millis().max(1) as i64;
                (now - now.rem_euclid(length), length)
            })
            .collect();
        let values: Vec<String> = (0..budgets.len())
            .map(|i| format!("(${}, ${}, 1)", 2 * i + 1, 2 * i + 2))
            .collect();
        let statement = format!(
            "INSERT INTO attempt_budgets (bucket, window_start, attempts) VALUES {} \
             ON CONFLICT (bucket, window_start) DO UPDATE SET attempts = attempt_budgets.attempts + 1 \
             RETURNING bucket, attempts",
            values.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, i64)>(&statement);
        for (budget, (start, _)) in budgets.iter().zip(&windows) {
            query = query.bind(&budget.key).bind(*start);
        }
        let counted = query.fetch_all(&self.pool).await?;
        let retry_after = budgets
            .iter()
            .zip(&windows)
            .filter(|(budget, _)| {
                counted
                    .iter()
                    .any(|(key, attempts)| *key == budget.key && *attempts > budget.limit)
            })
            .map(|(_, (start, length))| {
                let wait_ms = (start + length - now).max(1);
                u64::try_from(wait_ms).unwrap_or(1).div_ceil(1000)
            })
            .max();
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
