import Foundation

extension Geodesy {
    /// The boxes covering a circle: one, or two when it crosses the antimeridian.
    public struct CircleBounds: Hashable, Sendable {
        public var boxes: [GeoBox]
        /// True when the circle holds a pole or spans all longitudes (boxes cover every longitude).
        public var coversAllLongitudes: Bool

        @inlinable
        public init(boxes: [GeoBox], coversAllLongitudes: Bool) {
            self.boxes = boxes
            self.coversAllLongitudes = coversAllLongitudes
        }
    }

    /// Angular slack added to circle boxes, in degrees (about 1 mm): rounding in the
    /// trigonometry below must never drop a point that haversine puts inside.
    @usableFromInline static let boundsSlackDegrees = 1e-8

    /// Bounding box(es) of the spherical cap of `radiusKm` around `center`.
    ///
    /// Latitude extent is centre ± r/R. The longitude half-width of a cap that holds
    /// no pole is asin(sin(r/R) / cos(lat)) (the meridians tangent to the cap);
    /// if the cap holds a pole, or that ratio reaches 1, every longitude is covered.
    /// Each box is widened by `boundsSlackDegrees`, so it is a strict superset.
    @inlinable
    public static func circleBounds(center: GeoPoint, radiusKm: Double) -> CircleBounds {
        if !(radiusKm < Double.pi * earthRadiusKm) {  // also catches infinity and NaN
            return CircleBounds(boxes: [.world], coversAllLongitudes: true)
        }
        let angular = max(0, radiusKm) / earthRadiusKm
        let angularDeg = angular * 180 / Double.pi
        let lo = center.latitude - angularDeg - boundsSlackDegrees
        let hi = center.latitude + angularDeg + boundsSlackDegrees
        if lo <= -90 || hi >= 90 {
            return CircleBounds(boxes: [GeoBox(minLongitude: -180, minLatitude: max(-90, lo),
                                               maxLongitude: 180, maxLatitude: min(90, hi))],
                                coversAllLongitudes: true)
        }
        let ratio = sin(angular) / cos(center.latitude * Double.pi / 180)
        if ratio >= 1 {
            return CircleBounds(boxes: [GeoBox(minLongitude: -180, minLatitude: lo, maxLongitude: 180, maxLatitude: hi)],
                                coversAllLongitudes: true)
        }
        let halfWidth = asin(ratio) * 180 / Double.pi + boundsSlackDegrees
        let west = center.longitude - halfWidth
        let east = center.longitude + halfWidth
        if west < -180 {
            return CircleBounds(boxes: [
                GeoBox(minLongitude: -180, minLatitude: lo, maxLongitude: east, maxLatitude: hi),
                GeoBox(minLongitude: west + 360, minLatitude: lo, maxLongitude: 180, maxLatitude: hi),
            ], coversAllLongitudes: false)
        }
        if east > 180 {
            return CircleBounds(boxes: [
                GeoBox(minLongitude: west, minLatitude: lo, maxLongitude: 180, maxLatitude: hi),
                GeoBox(minLongitude: -180, minLatitude: lo, maxLongitude: east - 360, maxLatitude: hi),
            ], coversAllLongitudes: false)
        }
        return CircleBounds(boxes: [GeoBox(minLongitude: west, minLatitude: lo, maxLongitude: east, maxLatitude: hi)],
                            coversAllLongitudes: false)
    }

    /// Area of a lon/lat box on the sphere in km²: R² · Δλ · (sin φ₂ − sin φ₁).
    public static func areaKm2(_ box: GeoBox) -> Double {
        let rad = Double.pi / 180
        let dLon = (box.maxLongitude - box.minLongitude) * rad
        return earthRadiusKm * earthRadiusKm * dLon
            * (sin(box.maxLatitude * rad) - sin(box.minLatitude * rad))
    }

    /// Smallest box holding all of `boxes`, or nil for none.
    public static func union(_ boxes: some Sequence<GeoBox>) -> GeoBox? {
        var it = boxes.makeIterator()
        guard var acc = it.next() else { return nil }
        while let b = it.next() { acc = acc.union(b) }
        return acc
    }

    /// Lower bound of the haversine distance from `point` to any point of `box`, in km.
    ///
    /// Along a parallel the distance grows with |Δlon|, along a meridian it has one
    /// minimum; so the nearest point of a box lies on the edge meridian closest in
    /// longitude, at that minimum or at one end of the edge. A tiny amount is taken
    /// off so rounding never makes it exceed the true distance (k-nearest pruning).
    @inlinable
    public static func minDistanceKm(from point: GeoPoint, to box: GeoBox) -> Double {
        if box.contains(point) { return 0 }
        let lon = point.longitude
        if lon >= box.minLongitude && lon <= box.maxLongitude {
            let lat = point.latitude < box.minLatitude ? box.minLatitude : box.maxLatitude
            return max(0, haversineKm(point, GeoPoint(latitude: lat, longitude: lon)) * (1 - 1e-12) - 1e-9)
        }
        // Longitude distance to each edge meridian, taking the shorter way round.
        func gap(_ edge: Double) -> Double {
            var d = abs(edge - lon).truncatingRemainder(dividingBy: 360)
            if d > 180 { d = 360 - d }
            return d
        }
        let edgeLon = gap(box.minLongitude) <= gap(box.maxLongitude) ? box.minLongitude : box.maxLongitude
        let rad = Double.pi / 180
        let dLon = gap(edgeLon) * rad
        // On meridian edgeLon: cos d = sin φc sin φ + cos φc cos Δλ cos φ, largest at φ0.
        let phiC = point.latitude * rad
        let phi0 = atan2(sin(phiC), cos(phiC) * cos(dLon)) / rad
        // The nearest latitude is φ0 when inside the edge, else one of its ends
        // (which end depends on φ0 modulo 360°, so both are tried).
        var d = min(haversineKm(point, GeoPoint(latitude: box.minLatitude, longitude: edgeLon)),
                    haversineKm(point, GeoPoint(latitude: box.maxLatitude, longitude: edgeLon)))
        if phi0 > box.minLatitude && phi0 < box.maxLatitude {
            d = min(d, haversineKm(point, GeoPoint(latitude: phi0, longitude: edgeLon)))
        }
        return max(0, d * (1 - 1e-12) - 1e-9)
    }
}
