//! Runs independent pieces of work (one spec file, one generated file) on every core, with
//! the results in the order of the work, so the output never depends on the scheduling.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `work` applied to every item, on up to [`std::thread::available_parallelism`] threads;
/// the results are in the order of `items`.
///
/// Items are started in decreasing order of `cost` (a rough estimate, such as a size), so
/// that the largest piece does not start last and leave the other threads idle at the end.
/// A panic in `work` is raised again here once every thread has stopped.
pub(crate) fn map_in_order<T, R>(
    items: &[T],
    cost: impl Fn(&T) -> usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    map_on_threads(items, cost, work, threads)
}

/// [`map_in_order`] on at most `threads` threads; one thread (or one item) runs on the
/// calling thread alone.
fn map_on_threads<T, R>(
    items: &[T],
    cost: impl Fn(&T) -> usize,
    work: impl Fn(&T) -> R + Sync,
    threads: usize,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let order = start_order(items, cost);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = work(&items[index]);
                    // A poisoned lock means another thread panicked; the scope raises that
                    // panic, so this result is not needed.
                    if let Ok(mut results) = results.lock() {
                        results[index] = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .map(|result| result.expect("every item was worked on once the threads finished"))
        .collect()
}

/// The indices of `items` from the costliest to the cheapest; equal costs keep the items'
/// order.
fn start_order<T>(items: &[T], cost: impl Fn(&T) -> usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(cost(&items[index])));
    order
}

#[cfg(test)]
mod tests {
    use std::thread;

    use super::{map_in_order, map_on_threads, start_order};

    #[test]
    fn results_are_in_the_order_of_the_items_whatever_the_thread_count() {
        let items: Vec<u64> = (0..57).collect();
        let expected: Vec<u64> = items.iter().map(|n| n * n).collect();
        for threads in [1, 2, 3, 8, 100] {
            // Costs that reverse and shuffle the start order.
            let squares = map_on_threads(&items, |n| (*n as usize * 7) % 13, |n| n * n, threads);
            assert_eq!(squares, expected, "{threads} threads");
        }
        assert_eq!(map_in_order(&items, |_| 0, |n| n * n), expected);
    }

    #[test]
    fn no_items_give_no_results() {
        let items: Vec<u8> = Vec::new();
        assert!(map_on_threads(&items, |_| 0, |n| *n, 4).is_empty());
    }

    #[test]
    fn the_costliest_items_are_started_first_and_equal_costs_in_their_order() {
        let items = ["bb", "a", "dddd", "cc", "e"];
        assert_eq!(start_order(&items, |item| item.len()), [2, 0, 3, 1, 4]);
    }

    #[test]
    fn more_than_one_thread_does_the_work() {
        let items: Vec<usize> = (0..4).collect();
        let barrier = std::sync::Barrier::new(2);
        // Each of the first two items waits for another thread to reach the barrier: on
        // one thread this would never finish, so two threads must be working at once.
        let ids = map_on_threads(
            &items,
            |n| 10 - n,
            |n| {
                if *n < 2 {
                    barrier.wait();
                }
                thread::current().id()
            },
            2,
        );
        assert_ne!(ids[0], ids[1]);
    }

    #[test]
    fn a_panic_in_the_work_is_raised_again() {
        let items = [1, 2, 3];
        let outcome = std::panic::catch_unwind(|| {
            map_on_threads(&items, |_| 0, |n| assert_ne!(*n, 2, "the bad item"), 2)
        });
        assert!(outcome.is_err());
    }
}
