#!/usr/bin/env bash
# Starts an S3-compatible server on 127.0.0.1 for the tests: the image's moto_server (Python moto), or, when it is
# absent, s3rver installed from npm. Prints the path of a file of KEY=VALUE lines the tests read:
#   EVIDENCE_TEST_S3_ENDPOINT, EVIDENCE_TEST_S3_ACCESS_KEY, EVIDENCE_TEST_S3_SECRET_KEY, EVIDENCE_TEST_S3_PID,
#   EVIDENCE_TEST_S3_KIND (moto or s3rver).
# Usage: build/start-s3.sh [--port N] [--dir DIR] [--auth] [--watch PID]   (defaults: a free port, a new folder under $TMPDIR)
#        build/start-s3.sh --stop --dir DIR
# --auth (moto only): signatures are checked against one IAM user, so wrong credentials are refused as AWS refuses
# them. moto 5.2 then also refuses valid signatures on listings with a '/' in the prefix, so only the credential
# tests use it.
# --watch PID: stop the server when process PID ends (a test host that starts its own server and may be killed).
set -euo pipefail

port=0 dir="" stop=0 auth=0 watch=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --stop) stop=1; shift ;;
    --auth) auth=1; shift ;;
    --watch) watch=$2; shift 2 ;;
    *) echo "start-s3: unknown argument '$1'; see the usage at the top of build/start-s3.sh" >&2; exit 2 ;;
  esac
done

if [ "$stop" -eq 1 ]; then
  [ -n "$dir" ] && [ -f "$dir/pid" ] && kill -- "-$(cat "$dir/pid")" 2>/dev/null || true
  exit 0
fi

[ -n "$dir" ] || dir=$(mktemp -d "${TMPDIR:-/tmp}/evidence-s3.XXXXXX")
mkdir -p "$dir"
if [ "$port" -eq 0 ]; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
endpoint="http://127.0.0.1:$port"

wait_for_port() {
  for _ in $(seq 1 150); do
    if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2)' "$port" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "start-s3: the server did not start on $endpoint; its log:" >&2
  cat "$dir/server.log" >&2
  exit 1
}

if command -v moto_server >/dev/null; then
  kind=moto
  if [ "$auth" -eq 0 ]; then
    setsid moto_server -H 127.0.0.1 -p "$port" >"$dir/server.log" 2>&1 &
    echo $! >"$dir/pid"
    wait_for_port
    access=evidence-tests secret=evidence-tests-secret
  else
    # Authentication is enforced after the first three requests, which create the one IAM user the tests sign with.
    INITIAL_NO_AUTH_ACTION_COUNT=3 setsid moto_server -H 127.0.0.1 -p "$port" >"$dir/server.log" 2>&1 &
  echo $! >"$dir/pid"
  wait_for_port
  read -r access secret < <(python3 - "$endpoint" <<'PY'
import sys, boto3
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
iam.create_user(UserName="evidence-tests")
iam.put_user_policy(UserName="evidence-tests", PolicyName="all",
                    PolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}')
key = iam.create_access_key(UserName="evidence-tests")["AccessKey"]
print(key["AccessKeyId"], key["SecretAccessKey"])
PY
)
  fi
else
  kind=s3rver
  if [ ! -f "$dir/node_modules/s3rver/package.json" ]; then
    (cd "$dir" && npm install --no-save --no-audit --no-fund --silent s3rver@3 >/dev/null)
  fi
  mkdir -p "$dir/data"
  setsid node "$dir/node_modules/s3rver/bin/s3rver.js" --address 127.0.0.1 --port "$port" --directory "$dir/data" --silent >"$dir/server.log" 2>&1 &
  echo $! >"$dir/pid"
  wait_for_port
  access=S3RVER secret=S3RVER
fi

if [ -n "$watch" ]; then
  server=$(cat "$dir/pid")
  setsid bash -c 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -- "-$2" 2>/dev/null' _ "$watch" "$server" </dev/null >/dev/null 2>&1 &
fi

cat >"$dir/env" <<ENV
EVIDENCE_TEST_S3_ENDPOINT=$endpoint
EVIDENCE_TEST_S3_ACCESS_KEY=$access
EVIDENCE_TEST_S3_SECRET_KEY=$secret
EVIDENCE_TEST_S3_PID=$(cat "$dir/pid")
EVIDENCE_TEST_S3_KIND=$kind
ENV
echo "$dir/env"
