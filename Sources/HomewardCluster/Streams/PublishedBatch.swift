/// What one alert transaction stored and must publish.
struct PublishedBatch: Sendable {
    var newAlerts: Int
    var messages: [Publication]
}
