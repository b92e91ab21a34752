/// Ends a worker's serving task group once its drain sent DISCONNECT (caught in `WorkerService.run`).
struct WorkerDrained: Error {}
