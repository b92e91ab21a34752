import HomewardClient
import HomewardProtocol

extension ConsoleServer {
    /// Photos the console did not receive itself (a case registered or a
    /// sighting submitted over ZeroMQ) come from the coordinator, which keeps
    /// every intake's photos for review (ShowPhotos, audited as console/USER),
    /// and are then kept in the vault like the console's own (sealed, the same
    /// retention). Only for viewers who may see photos, and only for subjects
    /// the caller has already checked are in the viewer's scope.
    func fetchMissingPhotos(_ v: Viewer, caseID: UInt64?, sightingID: UInt64?) async {
        guard v.user.role.maySeePhotos else { return }
        if let id = sightingID, !(await vault.hasSighting(id)), let photo = await coordinatorPhotos(v, sightingID: id).first {
            var details: [String: String] = [:]
            details["box"] = await faces.faceBox(photo)
            await keep("sighting-\(id)") {
                try await vault.keepSighting(sightingID: id, item: KeptItem(photo: photo, contentType: Self.contentType(photo), details: details),
                                             now: Clock.now())
            }
        }
        if let id = caseID, await vault.casePhotoNames(caseID: id).isEmpty {
            for (i, photo) in await coordinatorPhotos(v, caseID: id).enumerated() {
                await keep("case-\(id)-\(i)") {
                    try await vault.keepCasePhoto(caseID: id, index: i, item: KeptItem(photo: photo, contentType: Self.contentType(photo)), now: Clock.now())
                }
            }
        }
    }

    private func coordinatorPhotos(_ v: Viewer, caseID: UInt64? = nil, sightingID: UInt64? = nil) async -> [[UInt8]] {
        let request = HomewardClient.request { r in
            if let caseID { r.showPhotos.caseID = caseID }
            if let sightingID { r.showPhotos.sightingID = sightingID }
            r.showPhotos.reader = v.user.name
        }
        do {
            return try await client.call(request).photosShown.photos.map { [UInt8]($0) }
        } catch .rejected(let e) where e.code == .notFound {
            return []   // submitted as embeddings, or deleted after its retention period
        } catch {
            logger.warning("could not fetch kept photos from the coordinator", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func keep(_ name: String, _ body: () async throws -> Void) async {
        do { try await body() } catch {
            logger.error("could not keep a photo fetched from the coordinator", metadata: ["photo": "\(name)", "error": "\(error)"])
        }
    }

    /// JPEG or PNG, from the first bytes (the intake accepts only these).
    static func contentType(_ photo: [UInt8]) -> String {
        photo.starts(with: [0x89, 0x50, 0x4E, 0x47]) ? "image/png" : "image/jpeg"
    }
}
