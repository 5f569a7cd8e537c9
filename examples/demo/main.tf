# The demo applies one of each resource type against the sandbox. `make demo`
# points the provider at it through the environment variables the sandbox prints.
terraform {
  required_providers {
    conduit = {
      source = "conduit-tf/conduit"
    }
  }
}

provider "conduit" {}
