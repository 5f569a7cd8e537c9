# <organization_id>/<source_connector_id>/<user_id>, or <source_connector_id>/<user_id>
# with the provider's vectorize.organization_id. Only the ids are imported.
import {
  to = conduit_vectorize_source_connector_user.alice
  id = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01/7d9f2c1a-5e4b-4c3d-8a2f-1b0e9d8c7a6f/3f1c9a52-7d2e-4b8a-9c61-0e5f4d3b2a19"
}
