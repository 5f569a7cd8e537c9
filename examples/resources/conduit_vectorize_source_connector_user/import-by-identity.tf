# organization_id may be left out to use the provider's vectorize.organization_id.
# Only the ids are imported: the API cannot read a user back.
import {
  to = conduit_vectorize_source_connector_user.bob
  identity = {
    organization_id     = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01"
    source_connector_id = "7d9f2c1a-5e4b-4c3d-8a2f-1b0e9d8c7a6f"
    user_id             = "8b2e6d4f-1a3c-4e5b-9f7a-2c4d6e8f0a1b"
  }
}
