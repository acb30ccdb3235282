//! `block_on` for the native tests: their futures (mock transports, mock proxy hosts, fake sleeps)
//! never wait on a real event, so polling with a no-op waker finishes them.

use std::future::Future;
use std::task::{Context, Poll, Waker};

/// Runs a future whose every await is immediately ready (fake sleep, mock transport, mock host).
pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = std::pin::pin!(fut);
    for _ in 0..1000 {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("future did not finish: something awaited a real event");
}
