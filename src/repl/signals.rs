//! Ctrl-C while a command runs. At the prompt rustyline owns the terminal (raw mode) and turns
//! Ctrl-C into `Interrupted`; between prompts the terminal is cooked and Ctrl-C is SIGINT. This
//! module listens for SIGINT on a small thread of its own and sets the interpreter's cancel
//! flag, which the evaluator checks between statements and the Jira layer turns into
//! cancelled requests. The shell itself never dies of SIGINT.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Starts the SIGINT listener. Each Ctrl-C sets `flag` (the REPL clears it before each command).
/// Returns false when the listener could not start (Ctrl-C then ends the process, as by default).
pub fn install(flag: Arc<AtomicBool>) -> bool {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<bool>();
    let spawned = std::thread::Builder::new()
        .name("jirash-sigint".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(_) => {
                    let _ = ready_tx.send(false);
                    return;
                }
            };
            rt.block_on(async move {
                // Register before reporting ready, so no early Ctrl-C kills the process.
                let mut sig =
                    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
                    {
                        Ok(s) => s,
                        Err(_) => {
                            let _ = ready_tx.send(false);
                            return;
                        }
                    };
                let _ = ready_tx.send(true);
                while sig.recv().await.is_some() {
                    flag.store(true, Ordering::SeqCst);
                }
            });
        });
    spawned.is_ok() && ready_rx.recv().unwrap_or(false)
}
