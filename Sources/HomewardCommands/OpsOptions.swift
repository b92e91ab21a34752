import ArgumentParser
import ClusterCore

/// Where a role serves `/metrics`, `/health` and `/ready`.
struct OpsOptions: ParsableArguments {
    @Option(help: "Ops HTTP endpoint, http://HOST:PORT (port 0: a free one); default: from the config.")
    var opsEndpoint: String?

    @Option(help: "Write the bound ops endpoint to this file once serving (for scripts and tests).")
    var opsEndpointFile: String?

    func endpoint(configured: String) throws -> OpsEndpoint {
        let text = opsEndpoint ?? configured
        guard let endpoint = OpsEndpoint(text) else { throw ValidationError("--ops-endpoint must look like http://HOST:PORT, not \(text)") }
        return endpoint
    }
}
