//! The system-wide state: the migration phase (R12).

use jiff::Timestamp;
use sqlx::Row;

use super::{Change, Store};
use crate::domain::MigrationPhase;

impl Store {
    pub async fn migration_phase(&self) -> anyhow::Result<MigrationPhase> {
        let row = sqlx::query("SELECT migration_phase FROM system_state WHERE singleton = 1")
            .fetch_one(&self.pool)
            .await?;
        let raw: String = row.try_get("migration_phase")?;
        Ok(MigrationPhase::try_from(raw.as_str())?)
    }

    /// Sets the phase as stored; the forward-only rule is the caller's (operator route, demo).
    pub async fn set_migration_phase(
        &self,
        phase: MigrationPhase,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        sqlx::query("UPDATE system_state SET migration_phase = $1, phase_changed_at = $2 WHERE singleton = 1")
            .bind(phase.as_str())
            .bind(at.as_millisecond())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

impl Change {
    /// The phase as this change sees it: an approval applies only in the phase that allows it.
    pub async fn migration_phase(&mut self) -> anyhow::Result<MigrationPhase> {
        let (raw,): (String,) =
            sqlx::query_as("SELECT migration_phase FROM system_state WHERE singleton = 1")
                .fetch_one(self.conn())
                .await?;
        Ok(MigrationPhase::try_from(raw.as_str())?)
    }
}

impl Change {
    /// R12: moves the phase if it is still `from`.
    pub async fn move_phase(
        &mut self,
        from: MigrationPhase,
        to: MigrationPhase,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE system_state SET migration_phase = $1, phase_changed_at = $2 \
             WHERE singleton = 1 AND migration_phase = $3",
        )
        .bind(to.as_str())
        .bind(self.at().as_millisecond())
        .bind(from.as_str())
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
