//! Timing shared by the benchmarks: percentiles of wall-clock times over repeated runs.
#![allow(dead_code)] // each benchmark uses part of this

use std::time::{Duration, Instant};

/// Percentiles of a set of timings.
pub struct Stats {
    /// Median.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest run.
    pub max: Duration,
}

/// Runs `f` a tenth of `rounds` times to warm up, then `rounds` times timed.
pub fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> Stats {
    for _ in 0..rounds / 10 {
        std::hint::black_box(f());
    }
    stats(
        (0..rounds.max(1))
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

/// The percentiles of `times` (at least one), for a benchmark that times only part of each
/// round itself.
pub fn stats(mut times: Vec<Duration>) -> Stats {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    Stats {
        p50: at(0.50),
        p99: at(0.99),
        max: at(1.0),
    }
}

/// Milliseconds with three decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}
