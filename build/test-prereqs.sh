#!/usr/bin/env bash
# Sourced by build/test.sh: what the tests need besides the .NET SDK, installed when missing.
# - Python 3 with jsonschema and PyYAML: the schema tests validate bundles with an independent validator.
#   The tests use the interpreter named by EVIDENCE_PYTHON.
# - Debian's headless Chromium: the report tests render the HTML in a real browser (EVIDENCE_CHROMIUM overrides).
# - git: the tests make real repositories.
# - action-validator from npm: the Action and the workflows are linted against GitHub's schemas.
# - Real test runners for the test-report tests: pytest and go with gotestsum (Debian), jest with jest-junit (npm).
# - The MCP Inspector CLI (npm): a real MCP client for 'dotnet evidence mcp'.

# apt_install WHY PACKAGE...: says what it installs and why before it does, and how long it took after.
apt_install() {
  local why=$1; shift
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "test: cannot install $* ($why): not root and no sudo; install it and run again" >&2
    return 1
  fi
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "test: installing $* with apt-get ($why)…" >&2
  local started=$SECONDS
  if [ -z "${_apt_updated:-}" ]; then $sudo apt-get update -qq && _apt_updated=1; fi
  $sudo apt-get install -y -qq "$@" >/dev/null || return 1
  echo "test: installed $* in $((SECONDS - started))s" >&2
}

pick_python() {
  for py in ${EVIDENCE_PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import jsonschema, yaml' >/dev/null 2>&1; then echo "$py"; return 0; fi
  done
  return 1
}

if ! EVIDENCE_PYTHON=$(pick_python); then
  echo "test: installing Python's jsonschema and pyyaml (the schema tests' independent validator)…" >&2
  python3 -m pip install -q --no-index --find-links "${PIP_FIND_LINKS:-/opt/wheels}" jsonschema pyyaml >/dev/null 2>&1 || true
  if ! EVIDENCE_PYTHON=$(pick_python); then
    apt_install "the schema tests' independent validator" python3-jsonschema python3-yaml
    EVIDENCE_PYTHON=$(pick_python) || { echo "test: no python3 with jsonschema and pyyaml could be installed" >&2; return 1; }
  fi
fi
export EVIDENCE_PYTHON

command -v git >/dev/null || apt_install "the tests make real repositories" git
if [ -z "${EVIDENCE_CHROMIUM:-}" ] && ! command -v chromium >/dev/null; then
  apt_install "the report tests render the HTML in a real browser; about 100 MB, once" chromium
fi

# action-validator (npm): the Action and the workflows are checked against GitHub's published schemas.
_validator_dir="$root/artifacts/tools/action-validator"
EVIDENCE_ACTION_VALIDATOR="$_validator_dir/node_modules/.bin/action-validator"
if [ ! -x "$EVIDENCE_ACTION_VALIDATOR" ]; then
  command -v npm >/dev/null || apt_install "npm installs the workflow schema linter" npm
  echo "test: installing @action-validator/cli from npm into artifacts/tools (lints action.yml and the workflows)…" >&2
  npm install --silent --no-audit --no-fund --prefix "$_validator_dir" @action-validator/cli@0.6.0 @action-validator/core@0.6.0 >/dev/null \
    || { echo "test: npm could not install @action-validator/cli" >&2; return 1; }
fi
export EVIDENCE_ACTION_VALIDATOR

# Real test runners, so the test-report tests read what real runners write.
command -v pytest >/dev/null || apt_install "the test-report tests run a real pytest" python3-pytest
if ! command -v go >/dev/null || ! command -v gotestsum >/dev/null; then
  apt_install "the test-report tests run go test through gotestsum; about 150 MB, once" golang-go gotestsum
fi
_jest_dir="$root/artifacts/tools/jest"
EVIDENCE_JEST_MODULES="$_jest_dir/node_modules"
if [ ! -x "$EVIDENCE_JEST_MODULES/.bin/jest" ] || [ ! -d "$EVIDENCE_JEST_MODULES/jest-junit" ]; then
  command -v npm >/dev/null || apt_install "npm installs jest" npm
  echo "test: installing jest and jest-junit from npm into artifacts/tools (the test-report tests run a real jest)…" >&2
  npm install --silent --no-audit --no-fund --prefix "$_jest_dir" jest@29.7.0 jest-junit@16.0.0 >/dev/null \
    || { echo "test: npm could not install jest and jest-junit" >&2; return 1; }
fi
export EVIDENCE_JEST_MODULES

# The MCP Inspector's CLI from npm: a client nobody here wrote drives 'dotnet evidence mcp' over stdio.
_inspector_dir="$root/artifacts/tools/mcp-inspector"
EVIDENCE_MCP_INSPECTOR="$_inspector_dir/node_modules/.bin/mcp-inspector"
if [ ! -x "$EVIDENCE_MCP_INSPECTOR" ]; then
  command -v npm >/dev/null || apt_install "npm installs the MCP Inspector" npm
  echo "test: installing @modelcontextprotocol/inspector from npm into artifacts/tools (the MCP tests drive the server with it)…" >&2
  npm install --silent --no-audit --no-fund --prefix "$_inspector_dir" @modelcontextprotocol/inspector@2.12.0 >/dev/null 2>&1 \
    || { echo "test: npm could not install @modelcontextprotocol/inspector" >&2; return 1; }
fi
export EVIDENCE_MCP_INSPECTOR

# An S3-compatible server on 127.0.0.1 for the artifact-store tests (build/start-s3.sh: moto, else s3rver from npm).
# One the caller started (EVIDENCE_TEST_S3_ENV) is reused; one started here is stopped when the tests end.
if [ -z "${EVIDENCE_TEST_S3_ENV:-}" ]; then
  echo "test: starting an S3-compatible server on 127.0.0.1 for the artifact-store tests" >&2
  EVIDENCE_TEST_S3_ENV=$("$root/build/start-s3.sh") || { echo "test: the S3-compatible server did not start" >&2; return 1; }
  _evidence_s3_dir=$(dirname "$EVIDENCE_TEST_S3_ENV")
  trap '"$root/build/start-s3.sh" --stop --dir "$_evidence_s3_dir"' EXIT
fi
export EVIDENCE_TEST_S3_ENV
