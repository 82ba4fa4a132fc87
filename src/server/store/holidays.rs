//! Hong Kong's general holidays (R11), as the DMS's service hours read them.

use jiff::civil::Date;

use super::{Change, Store};
use crate::domain::service_hours::HolidayCalendar;

/// One holiday: the day and its name.
pub struct Holiday {
    pub day: Date,
    pub name: String,
}

impl Store {
    pub async fn holiday_calendar(&self) -> anyhow::Result<HolidayCalendar> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT day FROM holidays")
            .fetch_all(&self.pool)
            .await?;
        let days = rows
            .iter()
            .map(|(day,)| {
                day.parse::<Date>()
                    .map_err(|e| anyhow::anyhow!("stored holiday {day:?}: {e}"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(HolidayCalendar::new(days))
    }

    /// Loads `holidays` when the table is empty (the first start); answers how many it loaded.
    /// Instances starting together each try: the write lock (SQLite) and `ON CONFLICT` (both)
    /// make the second a no-op rather than a failed start.
    pub async fn load_holidays_if_empty(&self, holidays: &[Holiday]) -> anyhow::Result<usize> {
        let mut tx = self.begin_write().await?;
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM holidays")
            .fetch_one(&mut *tx)
            .await?;
        if count > 0 {
            return Ok(0);
        }
        for holiday in holidays {
            sqlx::query(
                "INSERT INTO holidays (day, name) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
            )
            .bind(holiday.day.to_string())
            .bind(&holiday.name)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(holidays.len())
    }
}

impl Store {
    /// The whole calendar, by day.
    pub async fn holidays(&self) -> anyhow::Result<Vec<Holiday>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT day, name FROM holidays ORDER BY day")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|(day, name)| {
                Ok(Holiday {
                    day: day
                        .parse()
                        .map_err(|e| anyhow::anyhow!("stored holiday {day:?}: {e}"))?,
                    name,
                })
            })
            .collect()
    }
}

impl Change {
    /// Replaces the whole holiday calendar (R11) with `holidays`.
    pub async fn replace_holidays(&mut self, holidays: &[Holiday]) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM holidays")
            .execute(self.conn())
            .await?;
        for holiday in holidays {
            sqlx::query("INSERT INTO holidays (day, name) VALUES ($1, $2)")
                .bind(holiday.day.to_string())
                .bind(&holiday.name)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }
}
