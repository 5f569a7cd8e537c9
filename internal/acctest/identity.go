package acctest

import (
	"context"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/conduit-tf/terraform-provider-conduit/internal/provider"
)

// ProviderFactoriesWithoutIdentity serve this provider as its versions before
// resource identity were: no identity schemas, no identity in any answer, no
// list resources. A step applied with them writes the state an earlier
// version left, which the next step (with ProviderFactories) must give an
// identity on refresh. No older build is downloaded: the tests run offline.
var ProviderFactoriesWithoutIdentity = map[string]func() (tfprotov6.ProviderServer, error){
	"conduit": func() (tfprotov6.ProviderServer, error) {
		s, err := providerserver.NewProtocol6WithError(provider.New("acctest-before-identity")())()
		if err != nil {
			return nil, err
		}
		return withoutIdentity{s}, nil
	},
}

// withoutIdentity hides identity from Terraform. Embedding the interface
// also hides the list, action and state-store servers, which those versions
// did not have either.
type withoutIdentity struct{ tfprotov6.ProviderServer }

func (s withoutIdentity) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp, err := s.ProviderServer.GetProviderSchema(ctx, req)
	if resp != nil {
		resp.ListResourceSchemas = nil
	}
	return resp, err
}

func (s withoutIdentity) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov6.ResourceIdentitySchema{}}, nil
}

func (s withoutIdentity) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (s withoutIdentity) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		resp.PlannedIdentity = nil
	}
	return resp, err
}

func (s withoutIdentity) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (s withoutIdentity) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := s.ProviderServer.ImportResourceState(ctx, req)
	if resp != nil {
		for _, r := range resp.ImportedResources {
			r.Identity = nil
		}
	}
	return resp, err
}

func (s withoutIdentity) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	resp, err := s.ProviderServer.MoveResourceState(ctx, req)
	if resp != nil {
		resp.TargetIdentity = nil
	}
	return resp, err
}

// ExpectNoIdentity checks the resource is in state without an identity, as
// a provider version before identity left it.
func ExpectNoIdentity(address string) statecheck.StateCheck {
	return stateCheckFunc(func(st *tfjson.State) error {
		r := stateResource(st, address)
		if r == nil {
			return fmt.Errorf("%s is not in state", address)
		}
		if len(r.IdentityValues) != 0 {
			return fmt.Errorf("%s: want no identity in state, got %v", address, r.IdentityValues)
		}
		return nil
	})
}

// ExpectRefreshedIdentity is a plan check for a RefreshState step (which
// runs no state checks): the state the refresh left, the plan's prior state,
// holds exactly this identity.
func ExpectRefreshedIdentity(address string, want map[string]string) plancheck.PlanCheck {
	return planCheckFunc(func(p *tfjson.Plan) error { return expectRefreshedIdentity(p, address, want) })
}

func expectRefreshedIdentity(p *tfjson.Plan, address string, want map[string]string) error {
	r := stateResource(p.PriorState, address)
	if r == nil {
		return fmt.Errorf("%s is not in the refreshed state", address)
	}
	if !sameIdentity(r.IdentityValues, want) {
		return fmt.Errorf("%s: want identity %v after the refresh, got %v", address, want, r.IdentityValues)
	}
	return nil
}

func stateResource(st *tfjson.State, address string) *tfjson.StateResource {
	if st == nil || st.Values == nil || st.Values.RootModule == nil {
		return nil
	}
	for _, r := range st.Values.RootModule.Resources {
		if r.Address == address {
			return r
		}
	}
	return nil
}
