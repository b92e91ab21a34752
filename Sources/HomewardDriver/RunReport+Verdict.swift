extension RunReport {
    /// Why the run is not correct, one line a reason; empty when it is.
    ///
    /// A correct run lost nothing it acknowledged, got every expected alert and
    /// no other, no copy of one, had every submission acknowledged in the end
    /// (the client retries with the same request id, so a refusal or a timeout is
    /// only final if it never got through), and saw no error reply at all.
    public var problems: [String] {
        var out: [String] = []
        switch lost {
        case nil: out.append("could not check for lost sightings")
        case let n? where n > 0: out.append("\(n) acknowledged sightings lost")
        default: break
        }
        if missing > 0 { out.append("\(missing) expected alerts missing") }
        if unexpected > 0 { out.append("\(unexpected) unexpected alerts") }
        if duplicates > 0 { out.append("\(duplicates) duplicated alert copies") }
        if sightingsNeverAcknowledged > 0 { out.append("\(sightingsNeverAcknowledged) sightings never acknowledged") }
        if casesNeverAcknowledged > 0 { out.append("\(casesNeverAcknowledged) case registrations never acknowledged") }
        if unanswered > 0 { out.append("\(unanswered) submissions never answered") }
        if unverified > 0 { out.append("\(unverified) alerts for submissions whose acknowledgement never came") }
        out += photoSurge?.problems ?? []
        for (kind, count) in errors.sorted(by: { $0.key < $1.key }) { out.append("\(count) errors \(kind)") }
        return out
    }

    public var isCorrect: Bool { problems.isEmpty }
}
