import Foundation

/// A face box kept beside a photo as text: four fractions of the image,
/// clamped to 0...1, and the SVG rectangle that draws it over the photo (an
/// SVG in a 100×100 box stretched over the image: attributes, not inline
/// styles, which the console's Content-Security-Policy forbids).
enum FaceBoxText {
    static func encode(left: Double, top: Double, right: Double, bottom: Double) -> String {
        [left, top, right, bottom].map { String(format: "%.4f", min(1, max(0, $0))) }.joined(separator: ",")
    }

    /// `<rect …>` in percent, or nil for text that is not four ordered fractions.
    static func rect(_ text: String) -> String? {
        let v = text.split(separator: ",").compactMap { Double($0) }
        guard v.count == 4, v.allSatisfy({ (0...1).contains($0) }), v[0] < v[2], v[1] < v[3] else { return nil }
        return String(format: "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>", v[0] * 100, v[1] * 100, (v[2] - v[0]) * 100, (v[3] - v[1]) * 100)
    }
}
