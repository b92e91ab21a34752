/// What identifies a child and their family. Stays on the coordinator, is never
/// sent to workers, never logged, and every operator read of it is audited.
public struct CasePersonalData: Sendable, Equatable {
    public var childName: String
    public var guardianContact: String
    public var notes: String
    public var homeProvince: String?

    public init(childName: String, guardianContact: String, notes: String, homeProvince: String?) {
        self.childName = childName
        self.guardianContact = guardianContact
        self.notes = notes
        self.homeProvince = homeProvince
    }
}
