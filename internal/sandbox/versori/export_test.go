package versori

// IsULID is isULID, for the external tests.
var IsULID = isULID
