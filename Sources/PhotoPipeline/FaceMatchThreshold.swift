/// Calibrated face-match thresholds for the contract's dot product of
/// L2-normalised embeddings. docs/photo-pipeline.md shows how each was chosen.
public enum FaceMatchThreshold {
    /// dlib_face_recognition_resnet_model_v1 (128-d), this pipeline.
    public static let dlibResNetV1: Float = 0.92
}
