# <organization_id>/<id>, or <id> alone with the provider's vectorize.organization_id.
import {
  to = conduit_vectorize_source_connector.docs_site
  id = "2d6f3b0e-4a8b-4a43-9c1e-5b8e9f6a7c01/7d9f2c1a-5e4b-4c3d-8a2f-1b0e9d8c7a6f"
}
