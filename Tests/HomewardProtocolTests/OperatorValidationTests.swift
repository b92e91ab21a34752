import Testing
@testable import HomewardProtocol

@Suite struct OperatorValidationTests {
    func close(_ edit: (inout Homeward_V1_CloseCase) -> Void) -> Homeward_V1_Request {
        var c = Homeward_V1_CloseCase()
        c.caseID = 1
        c.outcome = .found
        edit(&c)
        return Fixtures.request { $0.closeCase = c }
    }

    func show(_ edit: (inout Homeward_V1_ShowCase) -> Void) -> Homeward_V1_Request {
        var s = Homeward_V1_ShowCase()
        s.caseID = 1
        s.operator = "op"
        s.purpose = "family called"
        edit(&s)
        return Fixtures.request { $0.showCase = s }
    }

    func review(_ edit: (inout Homeward_V1_ReviewAlert) -> Void) -> Homeward_V1_Request {
        var r = Homeward_V1_ReviewAlert()
        r.alertID = AlertID.make(caseID: 1, sightingID: 2)
        r.reviewer = "rev"
        r.decision = .confirm
        edit(&r)
        return Fixtures.request { $0.reviewAlert = r }
    }

    func catchUp(_ edit: (inout Homeward_V1_AlertCatchUp) -> Void) -> Homeward_V1_Request {
        var c = Homeward_V1_AlertCatchUp()
        c.province = "110000"
        c.fromSequence = 1
        c.maxCount = 10
        edit(&c)
        return Fixtures.request { $0.alertCatchUp = c }
    }

    @Test func closeCase() {
        let l = ProtocolLimits.v1
        expectAccepted(close { $0.outcome = .withdrawn; $0.note = string(bytes: l.maxNoteBytes) })
        expectRejected(close { $0.caseID = 0 }, .zeroID, field: "close_case.case_id")
        expectRejected(close { $0.outcome = .unspecified }, .unspecifiedEnum, field: "close_case.outcome")
        expectRejected(close { $0.outcome = .UNRECOGNIZED(9) }, .unspecifiedEnum, field: "close_case.outcome")
        expectRejected(close { $0.note = string(bytes: l.maxNoteBytes + 1) }, .stringTooLong, field: "close_case.note")
    }

    @Test func showCase() {
        let l = ProtocolLimits.v1
        expectAccepted(show { $0.operator = string(bytes: l.maxPersonBytes); $0.purpose = string(bytes: l.maxPurposeBytes) })
        expectRejected(show { $0.caseID = 0 }, .zeroID, field: "show_case.case_id")
        expectRejected(show { $0.operator = "" }, .stringEmpty, field: "show_case.operator")
        expectRejected(show { $0.operator = string(bytes: l.maxPersonBytes + 1) }, .stringTooLong, field: "show_case.operator")
        expectRejected(show { $0.purpose = "" }, .stringEmpty, field: "show_case.purpose")
        expectRejected(show { $0.purpose = string(bytes: l.maxPurposeBytes + 1) }, .stringTooLong, field: "show_case.purpose")
    }

    @Test func reviewAlert() {
        let l = ProtocolLimits.v1
        expectAccepted(review { $0.reason = "" })
        expectAccepted(review { $0.decision = .reject; $0.reason = string(bytes: l.maxReasonBytes) })
        expectRejected(review { $0.decision = .reject; $0.reason = "" }, .stringEmpty, field: "review_alert.reason")
        expectRejected(
            review { $0.reason = string(bytes: l.maxReasonBytes + 1) }, .stringTooLong, field: "review_alert.reason")
        expectRejected(review { $0.decision = .unspecified }, .unspecifiedEnum, field: "review_alert.decision")
        expectRejected(review { $0.reviewer = "" }, .stringEmpty, field: "review_alert.reviewer")
        for bad in ["", "42", "00000000000004D2-000000000000162E", AlertID.make(caseID: 1, sightingID: 2) + "0"] {
            expectRejected(review { $0.alertID = bad }, .alertIDFormat, field: "review_alert.alert_id")
        }
    }

    @Test func alertCatchUp() {
        let l = ProtocolLimits.v1
        expectAccepted(catchUp { $0.maxCount = UInt32(l.maxCatchUpCount) })
        expectRejected(catchUp { $0.maxCount = UInt32(l.maxCatchUpCount) + 1 }, .countRange, field: "alert_catch_up.max_count")
        expectRejected(catchUp { $0.maxCount = 0 }, .countRange, field: "alert_catch_up.max_count")
        expectRejected(catchUp { $0.fromSequence = 0 }, .sequenceZero, field: "alert_catch_up.from_sequence")
        expectRejected(catchUp { $0.province = "beijing" }, .provinceCode, field: "alert_catch_up.province")
    }

    @Test func showReviews() {
        let id = "000000000000002a-0000000000000007"
        expectAccepted(Fixtures.request { $0.showReviews.alertIds = [id] })
        expectRejected(Fixtures.request { $0.showReviews.alertIds = [] }, .tooFew, field: "show_reviews.alert_ids")
        expectRejected(Fixtures.request { $0.showReviews.alertIds = Array(repeating: id, count: 1001) }, .tooMany, field: "show_reviews.alert_ids")
        expectRejected(Fixtures.request { $0.showReviews.alertIds = [id, "42-7"] }, .alertIDFormat, field: "show_reviews.alert_ids[1]")
    }

    @Test func showPhotos() {
        expectAccepted(Fixtures.request { $0.showPhotos.caseID = 3 })
        expectAccepted(Fixtures.request { $0.showPhotos.sightingID = 4; $0.showPhotos.reader = "li" })
        expectRejected(Fixtures.request { $0.showPhotos.reader = "li" }, .missingField, field: "show_photos")
        expectRejected(Fixtures.request { $0.showPhotos.sightingID = 0 }, .zeroID, field: "show_photos.sighting_id")
        expectRejected(Fixtures.request { $0.showPhotos.caseID = 5; $0.showPhotos.reader = String(repeating: "x", count: 201) },
                       .stringTooLong, field: "show_photos.reader")
    }

    @Test func showSighting() {
        expectAccepted(Fixtures.request { $0.showSighting.sightingID = 1 })
        expectRejected(Fixtures.request { $0.showSighting.sightingID = 0 }, .zeroID, field: "show_sighting.sighting_id")
    }
}
