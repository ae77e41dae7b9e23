//go:build tools

// Package tools pins kwok, which the test bed builds and whose stage configs it reads.
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"
