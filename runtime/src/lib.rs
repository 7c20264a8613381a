//! The minigo runtime: an M:N work-stealing scheduler, channels, select, timers and parking.
//! It never names a VM type: it schedules anything that can run with a budget and say why it
//! stopped, and its channels carry any value type.
