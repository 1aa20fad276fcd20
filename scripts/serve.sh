#!/usr/bin/env bash
# README command 1: build a release of the app with the shipped content and serve it locally.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/build-site.sh"
exec node scripts/serve.mjs dist "${PORT:-8080}"
