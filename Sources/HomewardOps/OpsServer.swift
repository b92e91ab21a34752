import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The per-process ops HTTP endpoint: `/metrics` (Prometheus text format),
/// `/health` (the process is up and serving HTTP) and `/ready` (the role's
/// own readiness). A Service: run it in the process's `ServiceGroup`.
public enum OpsServer {
    /// Builds the server. `readiness` is asked on every `/ready`; `onBound`
    /// gets the port actually bound (port 0 in the endpoint picks a free one).
    public static func make(
        host: String, port: Int, registry: PrometheusCollectorRegistry, logger: Logger,
        readiness: @escaping @Sendable () async -> Readiness,
        onBound: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some Service {
        let memory = Gauge(label: "process_resident_memory_bytes")
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            if let rss = ProcessMemory.residentBytes() { memory.record(rss) }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16_384)
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("/health") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/ready") { _, _ -> Response in
            let state = await readiness()
            let text = state.isReady ? "ready\n" : "not ready\n" + state.reasons.map { "- \($0)\n" }.joined()
            return Response(status: state.isReady ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain"],
                             body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        var httpLogger = logger
        // Hummingbird logs every request at debug; the ops endpoint is scraped every few seconds.
        httpLogger.logLevel = max(logger.logLevel, .info)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onBound(channel.localAddress?.port ?? port) },
            logger: httpLogger)
    }
}
