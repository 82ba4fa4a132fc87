//! A test's switch that stops the cut-over inside its transaction (see [`CutOverHold`]).

/// A test's grip on the cut-over: armed, the next cut-over stops inside its transaction, after
/// its last write and before its commit, and waits there until the process is killed. Only
/// `--test-fixtures` servers expose the switch; it proves a kill mid-cut-over leaves the old
/// state whole.
#[derive(Debug, Default)]
pub struct CutOverHold {
    armed: std::sync::atomic::AtomicBool,
    held: std::sync::atomic::AtomicBool,
}

impl CutOverHold {
    pub fn arm(&self) {
        self.armed.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// A cut-over is stopped inside its transaction.
    pub fn is_holding(&self) -> bool {
        self.held.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub async fn wait_if_armed(&self) {
        if self.armed.swap(false, std::sync::atomic::Ordering::SeqCst) {
            self.held.store(true, std::sync::atomic::Ordering::SeqCst);
            std::future::pending::<()>().await;
        }
    }
}
