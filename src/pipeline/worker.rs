//! Where cross-referencing runs: on the writer's connection, or on a thread
//! of its own that compares each committed batch while the writer goes on;
//! the findings of each batch are written by the writer, in batch order, in
//! the transaction of a later batch.

use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
use std::thread::JoinHandle;

use crate::store::{Findings, Store};

use super::xref::{CrossReferencer, NewClaim};

/// Where cross-referencing runs: on the writer's connection, or on a
/// thread of its own.
pub enum Xref {
    /// On the writer's connection, between batches (a database only this
    /// connection sees, such as `:memory:`).
    Inline(Box<CrossReferencer>),
    /// On a worker thread with its own connection.
    Worker(Worker),
}

impl Xref {
    /// Cross-referencing for the database of `store`, on a thread when the
    /// database is a file another connection can open.
    pub fn start(store: &Store) -> anyhow::Result<Xref> {
        let referencer = CrossReferencer::new(store)?;
        match store.file_path() {
            Some(path) => {
                let reader = Store::open_reader(&path)?;
                Ok(Xref::Worker(Worker::spawn(reader, referencer)))
            }
            None => Ok(Xref::Inline(Box::new(referencer))),
        }
    }

    /// Cross-reference a batch just committed. On a worker, first add the
    /// findings of the batches it has finished to the next batch's
    /// transaction, then queue this batch (waiting only when
    /// [`QUEUED_BATCHES`] are waiting already).
    pub fn submit(&mut self, store: &mut Store, claims: Vec<NewClaim>) -> anyhow::Result<()> {
        match self {
            Xref::Inline(referencer) => {
                if !claims.is_empty() {
                    let findings = store.in_read_transaction(|s| referencer.run(s, &claims))?;
                    store.add_findings_to_batch(&findings)?;
                }
                Ok(())
            }
            Xref::Worker(worker) => {
                worker.store_findings(store, false)?;
                if !claims.is_empty() {
                    worker.queue(claims)?;
                }
                Ok(())
            }
        }
    }

    /// Store the findings still to come, and commit them.
    pub fn finish(&mut self, store: &mut Store) -> anyhow::Result<()> {
        if let Xref::Worker(worker) = self {
            worker.store_findings(store, true)?;
        }
        Ok(store.commit_batch(0, std::iter::empty())?)
    }
}

/// Batches handed to the worker and not yet taken before the writer waits:
/// enough to ride out a slow batch, few enough to keep memory flat.
const QUEUED_BATCHES: usize = 2;

/// A cross-referencing thread and its channels.
///
/// What the worker finds for a batch does not depend on how far the writer
/// has got: the claims of this import reach it only through the batches it
/// is given (its word index), the full-text index is read only for claims
/// stored before them, and the claims it reads by id are committed. So the
/// writer need not wait for it, and its findings, stored in batch order,
/// give the same links and conflict ids on every run.
pub struct Worker {
    jobs: Option<SyncSender<Vec<NewClaim>>>,
    replies: Receiver<anyhow::Result<Findings>>,
    thread: Option<JoinHandle<()>>,
    /// Batches handed over whose findings are not stored yet.
    pending: usize,
}

impl Worker {
    fn spawn(reader: Store, mut referencer: CrossReferencer) -> Worker {
        let (jobs, job_rx) = mpsc::sync_channel::<Vec<NewClaim>>(QUEUED_BATCHES);
        let (reply_tx, replies) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("xref".into())
            .spawn(move || {
                super::yield_to_writer();
                for claims in job_rx {
                    let found = reader.in_read_transaction(|s| referencer.run(s, &claims));
                    if reply_tx.send(found).is_err() {
                        return;
                    }
                }
            })
            .expect("a thread can be started");
        Worker {
            jobs: Some(jobs),
            replies,
            thread: Some(thread),
            pending: 0,
        }
    }

    fn queue(&mut self, claims: Vec<NewClaim>) -> anyhow::Result<()> {
        let sent = self.jobs.as_ref().is_some_and(|j| j.send(claims).is_ok());
        if !sent {
            return Err(stopped());
        }
        self.pending += 1;
        Ok(())
    }

    /// Add the findings of finished batches to the open batch, in order;
    /// with `all`, wait for every batch handed over.
    fn store_findings(&mut self, store: &mut Store, all: bool) -> anyhow::Result<()> {
        while self.pending > 0 {
            let found = if all {
                self.replies.recv().map_err(|_| stopped())?
            } else {
                match self.replies.try_recv() {
                    Ok(found) => found,
                    Err(TryRecvError::Empty) => return Ok(()),
                    Err(TryRecvError::Disconnected) => return Err(stopped()),
                }
            };
            self.pending -= 1;
            store.add_findings_to_batch(&found?)?;
        }
        Ok(())
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Why the worker is gone: it panicked (a failure comes as a reply).
fn stopped() -> anyhow::Error {
    anyhow::anyhow!("the cross-referencing thread has stopped")
}
