import Foundation
import Testing
@testable import HomewardProtocol

@Suite struct EnvelopeValidationTests {
    @Test func requestIDBounds() {
        let limit = ProtocolLimits.v1.maxRequestIDBytes
        expectAccepted(Fixtures.request { $0.requestID = string(bytes: limit); $0.status = .init() })
        expectAccepted(Fixtures.request { $0.requestID = "x"; $0.status = .init() })
        // An invalid id is not echoed: the reply's request_id is empty.
        let long = check(Fixtures.request { $0.requestID = string(bytes: limit + 1); $0.status = .init() })
        #expect(long?.rule == .requestIDTooLong && long?.field == "request_id" && long?.requestID == "")
        #expect(long?.wire.code == .tooLarge)
        let empty = Fixtures.request { $0.requestID = ""; $0.status = .init() }
        #expect(check(empty)?.rule == .requestIDEmpty)
        #expect(check(Fixtures.request { $0.requestID = "a b"; $0.status = .init() })?.rule == .requestIDCharacters)
        #expect(check(Fixtures.request { $0.requestID = "é"; $0.status = .init() })?.rule == .requestIDCharacters)
    }

    @Test func unknownProtocolVersionIsUnsupportedWithTheRequestID() {
        for version: UInt32 in [0, 2, 1000] {
            let request = Fixtures.request { $0.protocolVersion = version; $0.status = .init() }
            let error = check(request)
            #expect(error?.rule == .unsupportedVersion)
            #expect(error?.wire.code == .unsupportedVersion)
            #expect(error?.requestID == "req-0001")
        }
    }

    @Test func missingBody() {
        expectRejected(Fixtures.request { _ in }, .missingField, field: "body")
    }
}

@Suite struct RegisterCaseValidationTests {
    @Test func personalData() {
        let l = ProtocolLimits.v1
        expectRejected(caseRequest { $0.clearPersonal() }, .missingField, field: "register_case.personal")
        expectAccepted(caseRequest { $0.personal.childName = string(bytes: l.maxChildNameBytes) })
        expectRejected(
            caseRequest { $0.personal.childName = string(bytes: l.maxChildNameBytes + 1) },
            .stringTooLong, field: "register_case.personal.child_name")
        expectRejected(caseRequest { $0.personal.childName = "" }, .stringEmpty, field: "register_case.personal.child_name")
        // Limits count UTF-8 bytes: 67 three-byte characters are 201 bytes.
        expectRejected(
            caseRequest { $0.personal.childName = String(repeating: "李", count: 67) },
            .stringTooLong, field: "register_case.personal.child_name")
        expectAccepted(caseRequest { $0.personal.childName = String(repeating: "李", count: 66) })
        expectAccepted(caseRequest { $0.personal.guardianContact = string(bytes: l.maxGuardianContactBytes) })
        expectRejected(
            caseRequest { $0.personal.guardianContact = string(bytes: l.maxGuardianContactBytes + 1) },
            .stringTooLong, field: "register_case.personal.guardian_contact")
        expectRejected(
            caseRequest { $0.personal.guardianContact = "" }, .stringEmpty, field: "register_case.personal.guardian_contact")
        expectAccepted(caseRequest { $0.personal.notes = string(bytes: l.maxNotesBytes) })
        expectAccepted(caseRequest { $0.personal.notes = "" })
        expectRejected(
            caseRequest { $0.personal.notes = string(bytes: l.maxNotesBytes + 1) },
            .stringTooLong, field: "register_case.personal.notes")
        expectAccepted(caseRequest { $0.personal.homeProvince = "" })
        for bad in ["11000", "1100000", "11000a", " 11000"] {
            expectRejected(
                caseRequest { $0.personal.homeProvince = bad }, .provinceCode, field: "register_case.personal.home_province")
        }
    }

    @Test func times() {
        let l = ProtocolLimits.v1
        expectAccepted(caseRequest { $0.birthDate = l.earliestTime; $0.missingSince = l.earliestTime })
        expectRejected(
            caseRequest { $0.birthDate = l.earliestTime - 86_400 }, .timeTooEarly, field: "register_case.birth_date")
        expectRejected(caseRequest { $0.birthDate = Fixtures.birth + 1 }, .birthDateNotMidnight, field: "register_case.birth_date")
        expectRejected(caseRequest { $0.birthDate = -86_400 * 3 + 5 }, .birthDateNotMidnight, field: "register_case.birth_date")
        expectAccepted(caseRequest { $0.missingSince = Fixtures.now + l.maxFutureSkewSeconds })
        expectRejected(
            caseRequest { $0.missingSince = Fixtures.now + l.maxFutureSkewSeconds + 1 },
            .timeInFuture, field: "register_case.missing_since")
        // Milliseconds by mistake are far in the future.
        expectRejected(
            caseRequest { $0.missingSince = Fixtures.now * 1000 }, .timeInFuture, field: "register_case.missing_since")
        expectAccepted(caseRequest { $0.missingSince = $0.birthDate })
        expectRejected(caseRequest { $0.missingSince = $0.birthDate - 1 }, .timeOrder, field: "register_case.missing_since")
    }

    @Test func location() {
        for (lat, lon) in [(90.0, 180.0), (-90.0, -180.0), (0.0, 0.0)] {
            expectAccepted(caseRequest { $0.lastSeen = Fixtures.point(lat, lon) })
        }
        for lat in [90.000001, -90.000001, .nan, .infinity] {
            expectRejected(
                caseRequest { $0.lastSeen = Fixtures.point(lat, 0) }, .latitudeRange, field: "register_case.last_seen.latitude")
        }
        for lon in [180.000001, -180.000001, .nan, -.infinity] {
            expectRejected(
                caseRequest { $0.lastSeen = Fixtures.point(0, lon) }, .longitudeRange,
                field: "register_case.last_seen.longitude")
        }
        expectRejected(caseRequest { $0.clearLastSeen() }, .missingField, field: "register_case.last_seen")
    }

    @Test func sexEnum() {
        expectAccepted(caseRequest { $0.sex = .unknown })
        expectRejected(caseRequest { $0.sex = .UNRECOGNIZED(7) }, .unspecifiedEnum, field: "register_case.sex")
    }

    @Test func photos() {
        let l = ProtocolLimits.v1
        expectAccepted(caseRequest { $0.photos = (0..<l.maxCasePhotos).map { Fixtures.face(seed: UInt64($0)) } })
        expectRejected(
            caseRequest { $0.photos = (0...l.maxCasePhotos).map { Fixtures.face(seed: UInt64($0)) } },
            .tooMany, field: "register_case.photos")
        expectRejected(caseRequest { $0.photos = [] }, .tooFew, field: "register_case.photos")
        expectRejected(caseRequest { $0.photos[1] = Homeward_V1_FaceInput() }, .missingField, field: "register_case.photos[1]")
        expectRejected(
            caseRequest { $0.photos[0].embedding.values = Fixtures.embedding(seed: 1, dimension: 127) },
            .embeddingDimension, field: "register_case.photos[0].embedding.values")
        expectRejected(
            caseRequest { $0.photos[0].embedding.values[5] = .nan },
            .embeddingNotFinite, field: "register_case.photos[0].embedding.values[5]")
        expectRejected(
            caseRequest { $0.photos[0].embedding.values = Array(repeating: 0, count: 128) },
            .embeddingZeroNorm, field: "register_case.photos[0].embedding.values")
    }
}

@Suite struct MarkTagValidationTests {
    @Test func syntaxCountAndDuplicates() {
        let l = ProtocolLimits.v1
        expectAccepted(sightingRequest { $0.markTags = (0..<l.maxMarkTags).map { "tag\($0)" } })
        expectRejected(
            sightingRequest { $0.markTags = (0...l.maxMarkTags).map { "tag\($0)" } }, .tooMany, field: "submit_sighting.mark_tags")
        expectAccepted(sightingRequest { $0.markTags = [string(bytes: l.maxMarkTagBytes)] })
        expectRejected(
            sightingRequest { $0.markTags = [string(bytes: l.maxMarkTagBytes + 1)] }, .markTagFormat,
            field: "submit_sighting.mark_tags[0]")
        for bad in ["", "Scar", "has space", "疤"] {
            expectRejected(sightingRequest { $0.markTags = ["ok", bad] }, .markTagFormat, field: "submit_sighting.mark_tags[1]")
        }
        expectRejected(
            sightingRequest { $0.markTags = ["a", "b", "a"] }, .markTagDuplicate, field: "submit_sighting.mark_tags[2]")
    }

    @Test func vocabulary() throws {
        let vocabulary = try MarkVocabulary(["scar_left_cheek", "mole-neck"])
        let validator = RequestValidator(vocabulary: vocabulary)
        expectAccepted(caseRequest { _ in }, validator: validator)
        expectRejected(
            caseRequest { $0.markTags = ["mole-neck", "tattoo"] }, .markTagUnknown, field: "register_case.mark_tags[1]",
            validator: validator)
    }
}

@Suite struct SightingValidationTests {
    @Test func faces() {
        let l = ProtocolLimits.v1
        expectAccepted(sightingRequest { $0.faces = (0..<l.maxSightingFaces).map { Fixtures.face(seed: UInt64($0)) } })
        expectRejected(
            sightingRequest { $0.faces = (0...l.maxSightingFaces).map { Fixtures.face(seed: UInt64($0)) } },
            .tooMany, field: "submit_sighting.faces")
        expectRejected(sightingRequest { $0.faces = [] }, .tooFew, field: "submit_sighting.faces")
        expectRejected(
            sightingRequest { $0.faces[0].embedding.values[127] = -.infinity },
            .embeddingNotFinite, field: "submit_sighting.faces[0].embedding.values[127]")
        expectRejected(
            sightingRequest { $0.faces[0].embedding.values = Fixtures.embedding(seed: 1, dimension: 129) },
            .embeddingDimension, field: "submit_sighting.faces[0].embedding.values")
        // Denormal-only vectors square to zero: no direction.
        expectRejected(
            sightingRequest { $0.faces[0].embedding.values = Array(repeating: 1e-40, count: 128) },
            .embeddingZeroNorm, field: "submit_sighting.faces[0].embedding.values")
        // A tiny but representable norm is fine: it is normalised at intake.
        expectAccepted(sightingRequest { $0.faces[0].embedding.values = Array(repeating: 1e-5, count: 128) })
    }

    @Test func photoBytes() {
        let l = ProtocolLimits.v1
        func photo(_ data: Data) -> Homeward_V1_FaceInput {
            var f = Homeward_V1_FaceInput()
            f.photo.data = data
            return f
        }
        let header = Fixtures.jpeg
        expectAccepted(sightingRequest { $0.faces = [photo(Fixtures.png)] })
        expectAccepted(sightingRequest { $0.faces = [photo(header + Data(count: l.maxPhotoBytes - header.count))] })
        expectRejected(
            sightingRequest { $0.faces = [photo(header + Data(count: l.maxPhotoBytes - header.count + 1))] },
            .photoTooLarge, field: "submit_sighting.faces[0].photo.data")
        expectRejected(sightingRequest { $0.faces = [photo(Data())] }, .photoEmpty, field: "submit_sighting.faces[0].photo.data")
        for bad in [Data("GIF89a".utf8), Data([0xFF, 0xD8]), Data([0x89, 0x50, 0x4E, 0x47])] {
            expectRejected(sightingRequest { $0.faces = [photo(bad)] }, .photoFormat, field: "submit_sighting.faces[0].photo.data")
        }
    }

    @Test func ageRange() {
        // Adults too: a child missing since the 1980s is found in their forties.
        expectAccepted(sightingRequest { $0.estimatedAge.loYears = 0; $0.estimatedAge.hiYears = 100 })
        expectAccepted(sightingRequest { $0.estimatedAge.loYears = 38; $0.estimatedAge.hiYears = 45 })
        expectAccepted(sightingRequest { $0.estimatedAge.loYears = 100; $0.estimatedAge.hiYears = 100 })
        expectAccepted(sightingRequest { $0.estimatedAge.loYears = 7; $0.estimatedAge.hiYears = 7 })
        expectAccepted(sightingRequest { $0.clearEstimatedAge() })
        expectRejected(
            sightingRequest { $0.estimatedAge.hiYears = 100.01 }, .ageRange, field: "submit_sighting.estimated_age.hi_years")
        expectRejected(
            sightingRequest { $0.estimatedAge.loYears = 101; $0.estimatedAge.hiYears = 101 }, .ageRange,
            field: "submit_sighting.estimated_age.lo_years")
        expectRejected(
            sightingRequest { $0.estimatedAge.loYears = -0.5 }, .ageRange, field: "submit_sighting.estimated_age.lo_years")
        expectRejected(
            sightingRequest { $0.estimatedAge.loYears = .nan }, .ageRange, field: "submit_sighting.estimated_age.lo_years")
        expectRejected(
            sightingRequest { $0.estimatedAge.loYears = 9; $0.estimatedAge.hiYears = 8 }, .ageOrder,
            field: "submit_sighting.estimated_age")
    }

    @Test func timeLocationAndOptionalFields() {
        let l = ProtocolLimits.v1
        expectRejected(
            sightingRequest { $0.observedAt = Fixtures.now + l.maxFutureSkewSeconds + 1 }, .timeInFuture,
            field: "submit_sighting.observed_at")
        expectRejected(
            sightingRequest { $0.observedAt = l.earliestTime - 1 }, .timeTooEarly, field: "submit_sighting.observed_at")
        expectRejected(sightingRequest { $0.clearLocation() }, .missingField, field: "submit_sighting.location")
        expectRejected(
            sightingRequest { $0.location.latitude = 91 }, .latitudeRange, field: "submit_sighting.location.latitude")
        expectAccepted(sightingRequest { $0.submitter = string(bytes: l.maxSubmitterBytes) })
        expectRejected(
            sightingRequest { $0.submitter = string(bytes: l.maxSubmitterBytes + 1) }, .stringTooLong,
            field: "submit_sighting.submitter")
        expectAccepted(sightingRequest { $0.photoSha256 = Data(); $0.photoPhash = Data() })
        for count in [1, 31, 33, 64] {
            expectRejected(
                sightingRequest { $0.photoSha256 = Data(count: count) }, .hashLength, field: "submit_sighting.photo_sha256")
        }
    }

    /// A perceptual hash computed on the device: exactly 256 bits, beside the photo's SHA-256.
    @Test func clientPerceptualHash() {
        expectAccepted(sightingRequest { $0.photoPhash = Data(repeating: 0x5A, count: 32) })
        expectAccepted(sightingRequest { $0.photoPhash = Data() })
        for count in [1, 31, 33, 64] {
            expectRejected(
                sightingRequest { $0.photoPhash = Data(count: count) }, .hashLength, field: "submit_sighting.photo_phash")
        }
        expectRejected(
            sightingRequest { $0.photoSha256 = Data(); $0.photoPhash = Data(count: 32) }, .missingField,
            field: "submit_sighting.photo_sha256")
    }
}
