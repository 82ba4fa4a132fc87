//! The settable clock of a test server (`--test-clock`), kept so that a restarted test server
//! resumes the tests' time: its offset from real time, as the clock was last set.

use super::Store;

impl Store {
    /// The offset from real time the test clock was last set to, if it ever was.
    pub async fn test_clock_offset_ms(&self) -> anyhow::Result<Option<i64>> {
        let offset: Option<(i64,)> =
            sqlx::query_as("SELECT offset_ms FROM test_clock WHERE singleton = 1")
                .fetch_optional(&self.pool)
                .await?;
        Ok(offset.map(|(ms,)| ms))
    }

    pub async fn save_test_clock_offset_ms(&self, offset_ms: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO test_clock (singleton, offset_ms) VALUES (1, $1) \
             ON CONFLICT (singleton) DO UPDATE SET offset_ms = excluded.offset_ms",
        )
        .bind(offset_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
