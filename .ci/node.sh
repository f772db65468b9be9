#!/usr/bin/env bash
# Sourced by .ci/run: makes sure `node` satisfies package.json "engines" (the @sigstore/* and
# tuf-js dependencies need ^22.22.2 || ^24.15.0 || >=26). When the machine's Node is older, it
# fetches the official Node 24 LTS binary from the npm registry (package node-linux-<arch>, the
# only registry this CI can reach), checks it against the pinned sha512 below, and puts it first
# on PATH. Cached in ~/.cache/pypi-provenance so a second run does not fetch again.
NODE_LTS_VERSION=24.21.0
declare -A NODE_LTS_SHA512=(
  [x64]='3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q=='
)

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit((a===22&&b>=22)||(a===24&&b>=15)||a>=26?0:1)'
}

if ! node_ok; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "ci: no Node ${NODE_LTS_VERSION} binary for $(uname -m)" >&2; exit 1 ;;
  esac
  dir="${HOME}/.cache/pypi-provenance/node-${NODE_LTS_VERSION}-${arch}"
  if [ ! -x "${dir}/bin/node" ]; then
    echo "ci: $(node --version 2>/dev/null || echo 'no node') is older than package.json engines; fetching Node ${NODE_LTS_VERSION} (npm: node-linux-${arch})"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-${arch}@${NODE_LTS_VERSION}" >/dev/null)
    tgz=$(ls "$tmp"/node-linux-"${arch}"-*.tgz)
    want="${NODE_LTS_SHA512[$arch]:-}"
    got=$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)
    if [ -n "$want" ] && [ "$got" != "$want" ]; then
      echo "ci: node-linux-${arch}@${NODE_LTS_VERSION} sha512 mismatch: got $got" >&2
      exit 1
    fi
    mkdir -p "$dir"
    tar -xzf "$tgz" -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="${dir}/bin:${PATH}"
fi
