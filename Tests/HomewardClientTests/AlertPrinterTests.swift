import HomewardClient
import HomewardProtocol
import Testing

/// The lines `homeward alerts tail` prints, as its help documents them.
@Suite struct AlertPrinterTests {
    @Test func anAlertLine() {
        var event = Homeward_V1_AlertEvent()
        var alert = Homeward_V1_Alert()
        alert.sequence = 12
        alert.tier = .urgent
        alert.alertID = "0000000000000001-0000000000000002"
        alert.caseID = 1
        alert.sightingID = 2
        alert.rank = 1
        alert.score = 0.91234
        alert.face = 0.5
        alert.distanceKm = 12.6
        event.alert = alert
        #expect(AlertPrinter.line(for: event)
            == "#12 URGENT alert 0000000000000001-0000000000000002 case 1 sighting 2 rank 1 score 0.912 face 0.500 distance 13 km")
        alert.tier = .review
        event.alert = alert
        #expect(AlertPrinter.line(for: event)?.hasPrefix("#12 review alert ") == true)
    }

    @Test func aClosedCaseLineAndNothingForAnEmptyEvent() {
        var event = Homeward_V1_AlertEvent()
        var closed = Homeward_V1_CaseClosed()
        closed.sequence = 13
        closed.caseID = 7
        closed.found = true
        event.caseClosed = closed
        #expect(AlertPrinter.line(for: event) == "#13 case 7 closed (found)")
        closed.found = false
        event.caseClosed = closed
        #expect(AlertPrinter.line(for: event) == "#13 case 7 closed (withdrawn)")
        #expect(AlertPrinter.line(for: Homeward_V1_AlertEvent()) == nil)
    }
}
