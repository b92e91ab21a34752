import Foundation
import PhotoPipeline

/// Where the faces are in a kept sighting photo, for the review page's face
/// box. The coordinator does not return face positions, so the console runs
/// the same detector (PhotoPipeline, dlib) once per photo it keeps. Without
/// the model files it keeps photos without boxes.
struct FaceLocator: Sendable {
    private let service: FaceExtractionService?

    init() {
        service = try? FaceExtractionService(models: .standard)
    }

    var isAvailable: Bool { service != nil }

    /// The most confident face as fractions of the upright image
    /// ("left,top,right,bottom", each 0...1), or nil when none is found.
    func faceBox(_ bytes: [UInt8]) async -> String? {
        guard let service, let image = try? PhotoDecoder().decode(PhotoBytes(bytes)), image.width > 0, image.height > 0,
              let face = try? await service.faces(in: image).first else { return nil }
        let w = Double(image.width), h = Double(image.height)
        return FaceBoxText.encode(left: Double(face.box.left) / w, top: Double(face.box.top) / h,
                                  right: Double(face.box.right + 1) / w, bottom: Double(face.box.bottom + 1) / h)
    }
}
