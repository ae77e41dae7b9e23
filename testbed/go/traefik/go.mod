module dial.local/testbed/traefik

go 1.26.0

require github.com/traefik/traefik/v3 v3.6.12

// Copied from Traefik v3.6.12's own go.mod: a dependency's replace and exclude directives are ignored,
// so the wrapper must carry them. Do not run `go mod tidy` here: it raises versions in Traefik's graph.
replace (
	github.com/abbot/go-http-auth => github.com/containous/go-http-auth v0.4.1-0.20200324110947-a37a7636d23e
	github.com/gorilla/mux => github.com/containous/mux v0.0.0-20250523120546-41b6ec3aed59
	github.com/mailgun/minheap => github.com/containous/minheap v0.0.0-20190809180810-6e71eb837595
)

// ambiguous import: found package github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http in multiple modules
// tencentcloud uses monorepo with multimodule but the go.mod files are incomplete.
exclude github.com/tencentcloud/tencentcloud-sdk-go v3.0.83+incompatible
