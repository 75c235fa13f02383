#!/usr/bin/env bash
# Artifact-store benchmark: push and pull of a 200 MB bundle against a local S3-compatible server (moto, started by
# build/start-s3.sh), next to `aws s3 cp --recursive` of the same folder, in the same run (hyperfine, 5 runs each).
# Uses the tool built in Release (dotnet build -c Release); installs hyperfine from Debian when missing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
dotnet build "$root/src/Dotlanth.Evidence.Cli" -c Release -nologo -v q >/dev/null
tool="dotnet $root/src/Dotlanth.Evidence.Cli/bin/Release/net10.0/dotnet-evidence.dll"

work=$(mktemp -d)
server_env=$("$root/build/start-s3.sh" --dir "$work/s3")
trap '"$root/build/start-s3.sh" --stop --dir "$work/s3"; rm -rf "$work"' EXIT
endpoint=$(sed -n 's/^EVIDENCE_TEST_S3_ENDPOINT=//p' "$server_env")
export AWS_ACCESS_KEY_ID=$(sed -n 's/^EVIDENCE_TEST_S3_ACCESS_KEY=//p' "$server_env")
export AWS_SECRET_ACCESS_KEY=$(sed -n 's/^EVIDENCE_TEST_S3_SECRET_KEY=//p' "$server_env")
export AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
aws="aws --endpoint-url $endpoint"
$aws s3 mb s3://bench >/dev/null

# A bundle of 200 MB: one 100 MB artifact (multipart), twenty of 5 MB, and the run's own files.
cd "$work" && git init -q repo && cd repo
printf 'hello\n' > README.md && git add . && git -c user.email=b@example.com -c user.name=bench commit -qm init
mkdir out && head -c 100M /dev/urandom > out/big.bin
for i in $(seq -w 1 20); do head -c 5M /dev/urandom > "out/part$i.bin"; done
printf 'version: 1\nchecks:\n  - name: build\n    run: [sh, -c, "echo built"]\nartifacts:\n  - name: blobs\n    type: dataset\n    path: "out/*.bin"\n' > evidence.yml
$tool run 2>/dev/null
id=$(ls .evidence/runs | grep -v '^\.')
bundle="$PWD/.evidence/runs/$id"
echo "bundle $id: $(du -sb "$bundle" | cut -f1) bytes in $(find "$bundle" -type f | wc -l) files"

store="s3://bench/evidence?endpoint=$endpoint&path_style=true"
hyperfine --runs 5 --export-markdown "$work/store.md" \
  --prepare "$aws s3 rm s3://bench/evidence --recursive --quiet" -n "dotnet evidence push" "$tool push $id --to '$store'" \
  --prepare "$aws s3 rm s3://bench/awscli --recursive --quiet" -n "aws s3 cp --recursive (up)" "$aws s3 cp --recursive --quiet '$bundle' s3://bench/awscli/$id" \
  --prepare "rm -rf $work/pulled" -n "dotnet evidence pull" "$tool pull $id --from '$store' --out $work/pulled" \
  --prepare "rm -rf $work/down" -n "aws s3 cp --recursive (down)" "$aws s3 cp --recursive --quiet s3://bench/awscli/$id $work/down"
cat "$work/store.md"
