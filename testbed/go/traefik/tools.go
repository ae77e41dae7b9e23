//go:build tools

// Package tools pins Traefik, the test bed's Gateway API data plane (testbed/src/parts/gateway.ts).
package tools

import _ "github.com/traefik/traefik/v3/cmd/traefik"
