import Metrics
import Prometheus

/// Bootstraps swift-metrics with the Prometheus backend, once per process.
/// Libraries record through the swift-metrics API only; the executable calls
/// this and serves the registry on `/metrics` (`OpsServer`).
public enum MetricsSetup {
    /// Installs the Prometheus factory for every metric and returns its registry.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Latencies here span sub-millisecond acks to multi-second alerts under load.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500),
            .seconds(5), .seconds(10), .seconds(30),
        ]
        // Rows scanned per sighting: from a handful of cases to a national shard.
        factory.defaultValueHistogramBuckets = [0, 10, 100, 1_000, 10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000]
        MetricsSystem.bootstrap(factory)
        return registry
    }
}
