# organization_id may be left out to use the provider's vectorize.organization_id.
import {
  to = conduit_vectorize_source_connector.reports
  identity = {
    organization_id = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01"
    id              = "0f8fad5b-d9cb-469f-a165-70867728950e"
  }
}
