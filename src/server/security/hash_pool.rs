//! The password hashing pool. Argon2 is slow and takes 19 MiB per hash by design; run without
//! a bound, a surge of log-ins at the market's opening would start a thread and a memory block
//! for each (a measured 4.9 GB for 32 at once). Here one thread per core hashes, each with its
//! working memory allocated once, and callers wait in a bounded queue: a full queue, or a wait
//! past its deadline, answers "busy" (503 with `Retry-After`) instead of growing.

use std::sync::{Arc, LazyLock, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};

use argon2::{Block, Params};

/// The Argon2 working memory of one hashing thread, allocated once and reused, so that hashing
/// never grows the heap however many log-ins arrive.
#[derive(Default)]
pub struct Memory(Vec<Block>);

impl Memory {
    /// Blocks for `params`, reallocated only when a stored hash asks for other parameters.
    pub fn blocks(&mut self, params: &Params) -> &mut [Block] {
        if self.0.len() != params.block_count() {
            self.0 = vec![Block::default(); params.block_count()];
        }
        &mut self.0
    }
}

/// Callers that may wait for a hashing thread, in all.
const QUEUE: usize = 512;
/// How long a caller waits for its turn before it is told to try again.
const WAIT: Duration = Duration::from_secs(10);

/// The pool is full or too slow now: try again in a moment.
#[derive(Debug, thiserror::Error)]
#[error("the password hashing pool is busy")]
pub struct HashPoolBusy;

type Work = Box<dyn FnOnce(&mut Memory) + Send>;

struct Job {
    work: Work,
    /// A job whose caller has given up is dropped unrun.
    deadline: Instant,
}

pub struct HashPool {
    jobs: mpsc::Sender<Job>,
}

/// The one pool of the process, one thread per core.
pub static POOL: LazyLock<HashPool> = LazyLock::new(|| {
    let threads = thread::available_parallelism().map_or(2, |n| n.get());
    HashPool::start(threads, QUEUE)
});

impl HashPool {
    pub fn start(threads: usize, queue: usize) -> Self {
        let (jobs, receiver) = mpsc::channel::<Job>(queue);
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..threads {
            let receiver = receiver.clone();
            thread::Builder::new()
                .name(format!("password-hash-{n}"))
                .spawn(move || {
                    let mut memory = Memory::default();
                    loop {
                        // One thread waits at the queue at a time; the others wait for the lock.
                        let next = receiver.lock().map(|mut r| r.blocking_recv());
                        let Ok(Some(job)) = next else { return };
                        if Instant::now() <= job.deadline {
                            (job.work)(&mut memory);
                        }
                    }
                })
                .expect("a hashing thread starts");
        }
        Self { jobs }
    }

    /// Runs `work` on a hashing thread with its memory; [`HashPoolBusy`] when the queue is full
    /// or the turn does not come within the wait.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let (answer, answered) = oneshot::channel();
        let job = Job {
            work: Box::new(move |memory| {
                let _ = answer.send(work(memory));
            }),
            deadline: Instant::now() + WAIT,
        };
        self.jobs.try_send(job).map_err(|_| HashPoolBusy)?;
        match tokio::time::timeout(WAIT, answered).await {
            Ok(Ok(value)) => Ok(value),
            // Dropped unrun past its deadline, or timed out waiting: the pool is behind.
            Ok(Err(_)) | Err(_) => Err(HashPoolBusy.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once_instead_of_growing() {
        let pool = HashPool::start(1, 1);
        let (release, hold) = std::sync::mpsc::channel::<()>();
        // The one thread is held, and the one queue place taken.
        let held = tokio::spawn({
            let pool = HashPool {
                jobs: pool.jobs.clone(),
            };
            async move { pool.run(move |_| hold.recv().ok()).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let queued = tokio::spawn({
            let pool = HashPool {
                jobs: pool.jobs.clone(),
            };
            async move { pool.run(|_| 1).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;

        let refused = pool.run(|_| 2).await;

        assert!(refused.unwrap_err().is::<HashPoolBusy>());
        release.send(()).unwrap();
        assert!(held.await.unwrap().is_ok());
        assert_eq!(queued.await.unwrap().unwrap(), 1);
    }
}
