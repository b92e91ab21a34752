import HomewardProtocol
import PhotoPipeline

extension ProtocolError {
    /// A photo that cannot be used, as the sender's error.
    static func photo(_ error: PhotoError, field: String, requestID: String) -> ProtocolError {
        switch error {
        case .tooManyBytes, .tooManyPixels:
            ProtocolError(.photoTooLarge, field: field, "\(error)", requestID: requestID)
        default:
            ProtocolError(.photoFormat, field: field, "\(error)", requestID: requestID)
        }
    }
}
