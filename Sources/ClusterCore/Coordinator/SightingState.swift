/// Where one sighting is in its life at the coordinator. Every sighting the
/// core knows is in exactly one of these; a sighting leaves the core's table
/// when it is matched, failed, refused or (for a repost) stored.
///
/// ```
/// original: extracting → storing → remembering → queued ⇄ inFlight → recording → (matched)
///                                  ↑  ↘ waiting (no replica) ↗     ↘ (failed: tries used up)
/// repost:   awaitingOriginal → storing → (stored)
/// ```
public enum SightingState: Sendable, Equatable {
    /// Its photos are with the workers for face extraction (photo claimed).
    case extracting(photosLeft: Int)
    /// A repost whose original is not stored yet: a repost row must never point at nothing.
    case awaitingOriginal(UInt64)
    /// The store is writing it and its reply.
    case storing
    /// Durable; joining the step-10 engine (stored sightings that new cases are
    /// matched against). Only then is it matched itself: a case registered
    /// meanwhile either finds it there or reaches the workers before its request.
    case remembering
    /// Durable, waiting in the match queue.
    case queued
    /// Durable, waiting for a live replica of one of its shards (back in the queue at the next tick).
    case waiting
    /// In the match request with this id.
    case inFlight(request: UInt64)
    /// Its alerts and matched mark are being stored (batch id).
    case recording(batch: UInt64)
}
