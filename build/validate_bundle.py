#!/usr/bin/env python3
"""Validate a dotnet-evidence bundle (v1) independently of the tool that wrote it.

usage: python3 build/validate_bundle.py BUNDLE_DIR [--schemas DIR]

Checks, each problem printed as one line "FILE: message":
  * every JSON file with a v1 schema validates against it (JSON Schema 2020-12, formats not checked), and
    every line of every JSONL file validates against the schema of one record; files are strict UTF-8 JSON
    (no BOM, no NaN/Infinity, no duplicate keys), and each JSONL line is one record ending in a newline;
    other top-level *.json files must at least parse;
  * every file on disk except bundle.json is listed in bundle.json files[] with its exact size and SHA-256,
    nothing listed is absent, nothing is listed twice, the list is sorted, and no symbolic links are present;
  * every file the run is expected to write is either present or accounted for in missing[], and nothing in
    missing[] is also listed in files[];
  * trace.jsonl: seq runs 1..N without gaps, starts with run.start and ends with run.finish, every
    syscall.result points at an earlier syscall.attempt of the same syscall;
  * cross-file consistency: run id, outcome and exit code, check and error counts, check records pointing at
    their proc.exec attempt and capture files, the patch and changed-file counts, the program digest,
    repo facts against missing[], a resumed run's resumed, run.resume and carried checks.
The last line is "ok N files" (exit 0) or "invalid: N problems" (exit 1). Usage errors exit 2.
Needs Python 3.11+ and the jsonschema package (4.x); nothing else outside the standard library.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError, best_match
except ImportError:  # pragma: no cover - environment problem
    print("validate_bundle.py: the 'jsonschema' package is required (pip install 'jsonschema>=4')", file=sys.stderr)
    sys.exit(2)

MANIFEST = "bundle.json"

# Bundle file -> schema file. JSONL schemas describe one line.
SCHEMA_FOR = {
    "bundle.json": "bundle.schema.json",
    "checks.jsonl": "checks.schema.json",
    "tests.jsonl": "tests.schema.json",
    "trace.jsonl": "trace.schema.json",
    "changed_files.json": "changed-files.schema.json",
    "env.json": "env.schema.json",
    "input_snapshot.json": "input-snapshot.schema.json",
    "errors.json": "errors.schema.json",
    "config.snapshot.json": "config-snapshot.schema.json",
    "artifacts.json": "artifacts.schema.json",
    "capability_report.json": "capability-report.schema.json",
    "tool_calls.json": "tool-calls.schema.json",
}

# Files every run writes, unless bundle.json missing[] says why not.
EXPECTED = ["checks.jsonl", "trace.jsonl", "env.json", "errors.json", "input_snapshot.json", "changed_files.json", "diff.patch", "config.snapshot.json"]

CHECK_STATUSES = ["passed", "failed", "timed_out", "cancelled", "blocked"]
MAX_MESSAGE = 300


class Problems:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, file: str, message: str) -> None:
        self.items.append((file, message))

    def expect(self, condition: bool, file: str, message: str) -> bool:
        if not condition:
            self.add(file, message)
        return condition


class StrictJsonError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise StrictJsonError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise StrictJsonError(f"{name} is not valid JSON")


def parse_json(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise StrictJsonError("starts with a UTF-8 byte order mark")
    try:
        return data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as ex:
        raise StrictJsonError(f"not valid UTF-8 at byte {ex.start}") from None


def shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


def schema_problems(validator: Draft202012Validator, instance: Any) -> list[str]:
    messages = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        message = error.message
        if error.context:
            deepest = best_match(error.context)
            if deepest is not None:
                message = f"{deepest.json_path}: {deepest.message}"
                messages.append(shorten(message))
                continue
        messages.append(shorten(f"{error.json_path}: {message}"))
    return messages


def load_schemas(directory: Path) -> dict[str, Draft202012Validator]:
    validators = {}
    for bundle_file, schema_file in SCHEMA_FOR.items():
        path = directory / schema_file
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
            Draft202012Validator.check_schema(schema)
        except FileNotFoundError:
            raise SystemExit(usage_error(f"schema not found: {path}"))
        except (json.JSONDecodeError, UnicodeDecodeError) as ex:
            raise SystemExit(usage_error(f"schema {path} is not JSON: {ex}"))
        except SchemaError as ex:
            raise SystemExit(usage_error(f"schema {path} is not a valid 2020-12 schema: {ex.message}"))
        validators[bundle_file] = Draft202012Validator(schema)  # no format_checker: formats are annotations only
    return validators


def usage_error(message: str) -> int:
    print(f"validate_bundle.py: {message}", file=sys.stderr)
    return 2


def sha256_of(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def list_disk_files(root: Path, problems: Problems) -> list[str]:
    files = []
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(directory)
        for name in sorted(dirnames):
            if (here / name).is_symlink():
                problems.add((here / name).relative_to(root).as_posix(), "is a symbolic link; a bundle holds regular files only")
        for name in filenames:
            full = here / name
            relative = full.relative_to(root).as_posix()
            if full.is_symlink():
                problems.add(relative, "is a symbolic link; a bundle holds regular files only")
                continue
            if not full.is_file():
                problems.add(relative, "is not a regular file")
                continue
            files.append(relative)
    return sorted(files)


def read_json_document(root: Path, name: str, problems: Problems) -> tuple[bool, Any]:
    try:
        return True, parse_json(decode((root / name).read_bytes()))
    except (StrictJsonError, json.JSONDecodeError) as ex:
        problems.add(name, f"not valid JSON: {ex}")
    except OSError as ex:
        problems.add(name, f"cannot be read: {ex.strerror}")
    return False, None


def read_json_lines(root: Path, name: str, problems: Problems) -> tuple[bool, list[tuple[int, Any]]]:
    """Returns (all lines parsed, [(line number, record)])."""
    try:
        text = decode((root / name).read_bytes())
    except StrictJsonError as ex:
        problems.add(name, f"not valid JSON lines: {ex}")
        return False, []
    except OSError as ex:
        problems.add(name, f"cannot be read: {ex.strerror}")
        return False, []
    if text == "":
        return True, []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    else:
        problems.add(name, f"line {len(lines)}: does not end with a newline (incomplete write?)")
    ok = True
    records = []
    for number, line in enumerate(lines, start=1):
        if line.strip() == "":
            problems.add(name, f"line {number}: is empty; every line must hold one JSON record")
            ok = False
            continue
        try:
            records.append((number, parse_json(line)))
        except (StrictJsonError, json.JSONDecodeError) as ex:
            problems.add(name, f"line {number}: not valid JSON: {ex}")
            ok = False
    return ok, records


def validate(root: Path, validators: dict[str, Draft202012Validator]) -> tuple[int, Problems]:
    problems = Problems()
    disk = list_disk_files(root, problems)
    if MANIFEST not in disk:
        problems.add(MANIFEST, "not found; a sealed bundle always has its manifest")

    # --- schema validation of every JSON / JSONL file -------------------------------------------------------
    docs: dict[str, Any] = {}  # top-level JSON documents that are schema-valid
    lines: dict[str, list[tuple[int, Any]]] = {}  # parsed JSONL records (valid or not)
    lines_valid: dict[str, bool] = {}
    raw_manifest: Any = None  # bundle.json as parsed, valid or not
    for name in disk:
        top_level = "/" not in name
        if name.endswith(".jsonl") and top_level:
            parsed_ok, records = read_json_lines(root, name, problems)
            lines[name] = records
            all_valid = parsed_ok
            validator = validators.get(name)
            if validator is None:
                continue
            for number, record in records:
                for message in schema_problems(validator, record):
                    problems.add(name, f"line {number}: {message}")
                    all_valid = False
            lines_valid[name] = all_valid
        elif name.endswith(".json") and top_level:
            parsed_ok, document = read_json_document(root, name, problems)
            if parsed_ok and name == MANIFEST:
                raw_manifest = document
            validator = validators.get(name)
            if not parsed_ok or validator is None:
                continue
            messages = schema_problems(validator, document)
            for message in messages:
                problems.add(name, message)
            if not messages:
                docs[name] = document

    recovered = isinstance(raw_manifest, dict) and raw_manifest.get("outcome") == "incomplete"
    check_trace_sequence(lines.get("trace.jsonl"), problems, recovered)
    if raw_manifest is not None and has_usable_file_list(raw_manifest):
        # The file list is checked even when other manifest fields are invalid.
        check_file_list(root, disk, raw_manifest, problems)
    manifest = docs.get(MANIFEST)
    if manifest is not None:
        # Cross-file checks trust field types, so they need a schema-valid manifest and schema-valid records.
        valid_lines = {name: records for name, records in lines.items() if lines_valid.get(name)}
        check_consistency(manifest, docs, valid_lines, problems)
    return len(disk), problems


def has_usable_file_list(manifest: Any) -> bool:
    """True when files[] and missing[] have the shape check_file_list relies on."""
    if not isinstance(manifest, dict):
        return False
    files, missing = manifest.get("files"), manifest.get("missing")
    if not isinstance(files, list) or not isinstance(missing, list):
        return False
    return all(
        isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("sha256"), str)
        and isinstance(entry.get("bytes"), int) and not isinstance(entry.get("bytes"), bool)
        for entry in files
    ) and all(isinstance(part, dict) and isinstance(part.get("path"), str) for part in missing)


def check_file_list(root: Path, disk: list[str], manifest: dict[str, Any], problems: Problems) -> None:
    listed: dict[str, dict[str, Any]] = {}
    paths = [entry["path"] for entry in manifest["files"]]
    if paths != sorted(paths):
        problems.add(MANIFEST, "files[] is not sorted by path")
    for index, entry in enumerate(manifest["files"]):
        path = entry["path"]
        if path in listed:
            problems.add(MANIFEST, f"files[{index}]: {path} is listed twice")
            continue
        listed[path] = entry
        if path not in disk:
            problems.add(MANIFEST, f"files[{index}]: {path} is listed but absent from the bundle")
            continue
        size, digest = sha256_of(root / path)
        problems.expect(size == entry["bytes"], path, f"is {size} bytes; bundle.json files[] says {entry['bytes']}")
        problems.expect(digest == entry["sha256"], path, f"has sha256 {digest}; bundle.json files[] says {entry['sha256']}")
    for path in disk:
        # Signature envelopes (sign) are added after sealing: they sign the digest and cannot be inside it.
        signature = path.endswith(".dsse.json") and "/" not in path
        if path != MANIFEST and path not in listed and not signature:
            problems.add(path, "is in the bundle but not listed in bundle.json files[]")

    missing = {part["path"] for part in manifest["missing"]}
    for index, part in enumerate(manifest["missing"]):
        if part["path"] in listed:
            problems.add(MANIFEST, f"missing[{index}]: {part['path']} is reported missing but is listed in files[]")
    for name in EXPECTED:
        if name not in listed and name not in missing:
            problems.add(MANIFEST, f"{name} is neither in the bundle nor explained in missing[]")


def check_trace_sequence(records: list[tuple[int, Any]] | None, problems: Problems, recovered: bool = False) -> None:
    """A recovered (incomplete) run's trace stops where its process died: no run.finish, maybe an unanswered attempt."""
    name = "trace.jsonl"
    if records is None:
        return
    if not records:
        problems.add(name, "is empty; a trace has at least run.start and run.finish")
        return
    previous = 0
    attempts: dict[int, Any] = {}
    answered: set[int] = set()
    for number, record in records:
        if not isinstance(record, dict):
            continue
        seq = record.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool):
            problems.add(name, f"line {number}: has no integer seq")
            continue
        if seq != previous + 1:
            problems.add(name, f"line {number}: seq {seq} follows {previous}; expected {previous + 1} (seq must run 1..N without gaps)")
        previous = seq
        kind = record.get("type")
        if kind == "run.start" and number != 1:
            problems.add(name, f"line {number}: run.start after the first event")
        if kind == "run.finish" and number != len(records):
            problems.add(name, f"line {number}: run.finish before the last event")
        if kind == "syscall.attempt":
            attempts[seq] = record.get("syscall")
        if kind == "syscall.result":
            target = record.get("attempt_seq")
            if target not in attempts:
                problems.add(name, f"line {number}: attempt_seq {target} is not an earlier syscall.attempt")
            elif target in answered:
                problems.add(name, f"line {number}: syscall.attempt {target} already has a result")
            else:
                answered.add(target)
                problems.expect(attempts[target] == record.get("syscall"), name,
                                f"line {number}: syscall differs from that of its attempt (seq {target})")
    first, last = records[0][1], records[-1][1]
    if isinstance(first, dict) and first.get("type") != "run.start":
        problems.add(name, "line 1: the first event is not run.start")
    if isinstance(last, dict) and last.get("type") != "run.finish" and not recovered:
        problems.add(name, f"line {records[-1][0]}: the last event is not run.finish")
    unanswered = sorted(set(attempts) - answered)
    outcome = "incomplete" if recovered else last.get("outcome") if isinstance(last, dict) else None
    if unanswered and outcome not in ("error", "incomplete"):
        problems.add(name, f"syscall.attempt seq {', '.join(map(str, unanswered))} has no syscall.result")


def check_consistency(manifest: dict[str, Any], docs: dict[str, Any], lines: dict[str, list[tuple[int, Any]]],
                      problems: Problems) -> None:
    files = {entry["path"]: entry for entry in manifest["files"]}
    missing = {part["path"] for part in manifest["missing"]}

    # repo facts against missing[]
    repo = manifest["repo"]
    if repo is None:
        problems.expect("repo" in missing, MANIFEST, "repo is null but missing[] has no entry for repo")
        for name in ("changed_files.json", "diff.patch"):
            problems.expect(name not in files, MANIFEST, f"repo is null but {name} is in the bundle")
    else:
        for field, part in (("commit", "repo.commit"), ("branch", "repo.branch"), ("remote", "repo.remote"),
                            ("dirty", "repo.dirty"), ("changed_files", "repo.changed_files")):
            problems.expect((repo[field] is None) == (part in missing), MANIFEST,
                            f"repo.{field} is {'null' if repo[field] is None else 'set'} but missing[] "
                            f"{'has no' if repo[field] is None else 'has an'} entry for {part}")
        problems.expect(repo["shallow"] == ("repo.history" in missing), MANIFEST,
                        "repo.shallow disagrees with the missing[] entry for repo.history")
        problems.expect((repo["changed_files"] is None) == ("changed_files.json" not in files), MANIFEST,
                        "repo.changed_files and the presence of changed_files.json disagree")

    # trace against manifest
    trace = lines.get("trace.jsonl")
    if trace:
        start, finish = trace[0][1], trace[-1][1]
        if start.get("type") == "run.start":
            problems.expect(start["run_id"] == manifest["run_id"], "trace.jsonl",
                            f"line 1: run_id {start['run_id']} differs from bundle.json run_id {manifest['run_id']}")
            problems.expect(start["tool"] == manifest["tool"], "trace.jsonl", "line 1: tool differs from bundle.json tool")
            if manifest["invocation"] is not None:
                problems.expect(start["front_end"] == manifest["invocation"]["front_end"], "trace.jsonl",
                                "line 1: front_end differs from bundle.json invocation.front_end")
        # A run recovered after dying while it sealed keeps the run.finish it wrote; its bundle says incomplete.
        if finish.get("type") == "run.finish" and manifest["outcome"] != "incomplete":
            for field in ("outcome", "exit_code"):
                problems.expect(finish[field] == manifest[field], "trace.jsonl",
                                f"line {trace[-1][0]}: run.finish {field} {finish[field]!r} differs from bundle.json {field} {manifest[field]!r}")

    # errors.json count
    errors = docs.get("errors.json")
    if errors is not None:
        problems.expect(len(errors["errors"]) == manifest["errors"], MANIFEST,
                        f"errors is {manifest['errors']} but errors.json holds {len(errors['errors'])}")

    # checks.jsonl against the manifest, the trace and the capture files
    checks = lines.get("checks.jsonl")
    if checks is not None:
        tally = Counter(record["status"] for _, record in checks)
        expected = {"total": len(checks), **{status: tally.get(status, 0) for status in CHECK_STATUSES}}
        for key, count in expected.items():
            problems.expect(manifest["checks"][key] == count, MANIFEST,
                            f"checks.{key} is {manifest['checks'][key]} but checks.jsonl has {count}")
        proc_attempts = {}
        if trace is not None:
            proc_attempts = {r["seq"]: r for _, r in trace if r.get("type") == "syscall.attempt" and r["syscall"]["name"] == "proc.exec"}
        seen: dict[str, list[int]] = {}
        for number, record in checks:
            where = f"line {number}"
            seen.setdefault(record["name"], []).append(record["attempt"])
            if trace is not None:
                attempt = proc_attempts.get(record["seq"])
                if problems.expect(attempt is not None, "checks.jsonl",
                                   f"{where}: seq {record['seq']} is not a proc.exec syscall.attempt in trace.jsonl"):
                    problems.expect(bool(attempt["args"]) and attempt["args"][0] == record["argv"], "checks.jsonl",
                                    f"{where}: argv differs from the argv of its proc.exec attempt (trace seq {record['seq']})")
            for stream in ("stdout", "stderr"):
                if stream == "stderr" and record[stream] is None:
                    # A terminal has one stream: stderr is null, and only then.
                    problems.expect(record.get("terminal") is not None, "checks.jsonl",
                                    f"{where}: stderr is null but the check did not run in a terminal")
                    continue
                check_capture(record, stream, files, where, problems)
        for name, attempts in seen.items():
            problems.expect(sorted(attempts) == list(range(1, len(attempts) + 1)), "checks.jsonl",
                            f"check {name!r} has attempts {sorted(attempts)}; expected 1..{len(attempts)}")

    # tests.jsonl against the check records' totals and the report copies
    tests = lines.get("tests.jsonl") or []
    by_attempt: dict[tuple[str, int], Counter] = {}
    for number, case in tests:
        by_attempt.setdefault((case["check"], case["attempt"]), Counter())[case["status"]] += 1
        problems.expect(case["report"] in files or case["report"] in missing, "tests.jsonl",
                        f"line {number}: report {case['report']} is neither in the bundle nor listed as missing")
    with_tests = {(r["name"], r["attempt"]): r["tests"] for _, r in (checks or []) if r.get("tests") is not None}
    for key, tally in by_attempt.items():
        summary = with_tests.get(key)
        if problems.expect(summary is not None, "tests.jsonl", f"check {key[0]} attempt {key[1]} has test cases but no tests totals in checks.jsonl"):
            for status, field in (("passed", "passed"), ("failed", "failed"), ("error", "errors"), ("skipped", "skipped")):
                problems.expect(summary[field] == tally.get(status, 0), "checks.jsonl",
                                f"check {key[0]} attempt {key[1]}: tests.{field} is {summary[field]} but tests.jsonl has {tally.get(status, 0)}")
    for key, summary in with_tests.items():
        if summary["total"] is not None:
            problems.expect(summary["total"] == sum(by_attempt.get(key, Counter()).values()), "checks.jsonl",
                            f"check {key[0]} attempt {key[1]}: tests.total is {summary['total']} but tests.jsonl has {sum(by_attempt.get(key, Counter()).values())}")

    # changed_files.json against diff.patch and the manifest
    changed = docs.get("changed_files.json")
    if changed is not None:
        patch = changed["patch"]
        over = patch["bytes"] > patch["budget_bytes"]
        problems.expect(patch["included"] == (not over), "changed_files.json",
                        f"patch.included is {str(patch['included']).lower()} but the patch is {patch['bytes']} bytes "
                        f"against a budget of {patch['budget_bytes']}")
        problems.expect(manifest["budgets"] is None or patch["budget_bytes"] == manifest["budgets"]["diff_budget_bytes"], "changed_files.json",
                        "patch.budget_bytes differs from bundle.json budgets.diff_budget_bytes")
        entry = files.get("diff.patch")
        if patch["included"]:
            if problems.expect(entry is not None, "changed_files.json", "patch.included is true but diff.patch is not in the bundle"):
                problems.expect(entry["bytes"] == patch["bytes"] and entry["sha256"] == patch["sha256"], "changed_files.json",
                                "patch bytes/sha256 differ from diff.patch in bundle.json files[]")
        else:
            problems.expect(entry is None, "changed_files.json", "patch.included is false but diff.patch is in the bundle")
            problems.expect("diff.patch" in missing, MANIFEST, "the patch was left out but missing[] has no entry for diff.patch")
        if repo is not None:
            problems.expect(repo["changed_files"] == len(changed["files"]), MANIFEST,
                            f"repo.changed_files is {repo['changed_files']} but changed_files.json lists {len(changed['files'])}")
            # With a base ref the diff also holds committed changes, so only a diff against HEAD says how dirty the tree is.
            # (dirty may be true with no changed file: status also reports changes only the index holds.)
            if changed.get("base_ref") is None:
                problems.expect(repo["dirty"] is not False or len(changed["files"]) == 0, MANIFEST,
                                "repo.dirty is false but changed_files.json lists changed files")
                if repo["commit"] is not None:
                    problems.expect(changed["base"] == repo["commit"], "changed_files.json", "base differs from bundle.json repo.commit")
        counts = Counter(f["path"] for f in changed["files"])
        for path, count in counts.items():
            problems.expect(count == 1, "changed_files.json", f"{path} is listed {count} times")

    # input_snapshot.json against the manifest
    snapshot = docs.get("input_snapshot.json")
    program = manifest["program"]
    steps = manifest.get("steps")
    if snapshot is not None and "steps" in snapshot:
        check_step_inputs(snapshot, steps, problems)
    elif snapshot is not None:
        if problems.expect(program is not None, MANIFEST, "program is null but input_snapshot.json holds a program"):
            problems.expect(snapshot["program"]["sha256"] == program["sha256"], "input_snapshot.json",
                            "program.sha256 differs from bundle.json program.sha256")
        check_program_text(snapshot["program"], "program", problems)
        # For exec, arguments are the program's own (r0), not a command line.
        if manifest["invocation"] is not None and snapshot["inputs"].get("program_file") is None:
            problems.expect(snapshot["arguments"] == manifest["invocation"]["command"], "input_snapshot.json",
                            "arguments differ from bundle.json invocation.command")
            problems.expect(snapshot["inputs"]["cwd"] == manifest["invocation"]["cwd"], "input_snapshot.json",
                            "inputs.cwd differs from bundle.json invocation.cwd")
        if manifest["budgets"] is not None:
            problems.expect(snapshot["inputs"]["timeout_ms"] == manifest["budgets"]["timeout_ms"], "input_snapshot.json",
                            "inputs.timeout_ms differs from bundle.json budgets.timeout_ms")

    # a run made of steps: the trace's step events against bundle.json steps[]
    if steps is not None:
        problems.expect(program is None, MANIFEST, "a run made of steps has a top-level program")
        problems.expect([s["step"] for s in steps] == list(range(1, len(steps) + 1)) or bool(missing), MANIFEST,
                        "steps[] are not numbered 1..n and missing[] does not explain a gap")
        if trace is not None:
            check_step_trace(trace, steps, problems)

    # tool_calls.json (an agent session) against the manifest, the trace and the check records
    calls_doc = docs.get("tool_calls.json")
    agent = manifest.get("agent")
    if calls_doc is not None:
        problems.expect(agent is not None, MANIFEST, "tool_calls.json is in the bundle but agent is null")
        made = [c for c in calls_doc["calls"] if c["status"] != "rejected"]
        problems.expect([c["index"] for c in made] == list(range(1, len(made) + 1)), "tool_calls.json",
                        "the calls that became syscalls are not numbered 1..n")
        if agent is not None and agent.get("tool_calls") is not None:
            problems.expect(agent["tool_calls"] == len(made), MANIFEST,
                            f"agent.tool_calls is {agent['tool_calls']} but tool_calls.json has {len(made)} calls that became syscalls")
        if trace is not None:
            by_seq = {record["seq"]: record for _, record in trace}
            for call in made:
                where = f"call {call['index']}"
                events = [by_seq.get(seq) for seq in call["seq"]]
                if not problems.expect(bool(events) and all(e is not None for e in events), "tool_calls.json",
                                       f"{where}: seq {call['seq']} are not all events of trace.jsonl"):
                    continue
                attempt, result = events[0], events[-1]
                problems.expect(attempt["type"] == "syscall.attempt" and attempt["syscall"]["name"] == call["syscall"], "tool_calls.json",
                                f"{where}: its first event is not the {call['syscall']} syscall.attempt")
                if problems.expect(result["type"] == "syscall.result" and result["attempt_seq"] == attempt["seq"], "tool_calls.json",
                                   f"{where}: its last event is not the result of its attempt"):
                    problems.expect((result["status"] == "ok") == (call["status"] == "ok"), "tool_calls.json",
                                    f"{where}: status {call['status']} but its syscall.result is {result['status']}")
                problems.expect((call["status"] == "denied") == any(e["type"] == "capability.denied" for e in events), "tool_calls.json",
                                f"{where}: status {call['status']} disagrees with the capability.denied events of its seq")
        if checks is not None:
            recorded = {(record["name"], record["attempt"]) for _, record in checks}
            for call in made:
                if call["check"] is not None:
                    problems.expect((call["check"]["name"], call["check"]["attempt"]) in recorded, "tool_calls.json",
                                    f"call {call['index']}: check {call['check']['name']} attempt {call['check']['attempt']} is not in checks.jsonl")
    elif agent is not None:
        problems.expect("tool_calls.json" in missing, MANIFEST, "agent is set but tool_calls.json is neither in the bundle nor listed as missing")

    # a run made by 'resume': the manifest, its run.resume event and the checks it carried over agree
    resumed = manifest.get("resumed")
    trace_events = [r for _, r in lines.get("trace.jsonl") or [] if isinstance(r, dict)]
    resume_events = [r for r in trace_events if r.get("type") == "run.resume"]
    if resumed is not None:
        problems.expect(manifest.get("parent_run_id") == resumed["run_id"], MANIFEST,
                        f"resumed.run_id is {resumed['run_id']} but parent_run_id is {manifest.get('parent_run_id')}")
        if problems.expect(len(resume_events) == 1 and trace_events.index(resume_events[0]) == 1, "trace.jsonl",
                           "a resumed run has one run.resume event, right after run.start"):
            event = {k: v for k, v in resume_events[0].items() if k not in ("schema_version", "seq", "ts", "type")}
            problems.expect(event == resumed, "trace.jsonl", "run.resume differs from bundle.json resumed")
    else:
        problems.expect(not resume_events, "trace.jsonl", "run.resume in a run whose bundle.json resumed is null")
    for _, record in lines.get("checks.jsonl") or []:
        carried = record.get("carried_from") if isinstance(record, dict) else None
        if carried is not None:
            problems.expect(resumed is not None and carried["run_id"] == resumed["run_id"], "checks.jsonl",
                            f"check {record.get('name')} attempt {record.get('attempt')} is carried from run {carried['run_id']}, which this run did not resume")

    env = docs.get("env.json")
    if env is not None:
        problems.expect(env["ci"] == manifest["ci"], "env.json", "ci differs from bundle.json ci")
        problems.expect(env["tool"] == manifest["tool"], "env.json", "tool differs from bundle.json tool")


def check_program_text(program: dict[str, Any], where: str, problems: Problems) -> None:
    text_digest = hashlib.sha256(program["text"].encode("utf-8")).hexdigest()
    problems.expect(text_digest == program["sha256"], "input_snapshot.json", f"{where}.sha256 is not the digest of {where}.text")


def check_step_inputs(snapshot: dict[str, Any], steps: list[dict[str, Any]] | None, problems: Problems) -> None:
    if not problems.expect(steps is not None, MANIFEST, "steps is null but input_snapshot.json holds steps"):
        return
    by_number = {s["step"]: s for s in steps}
    for entry in snapshot["steps"]:
        where = f"steps[step {entry['step']}]"
        check_program_text(entry["program"], where + ".program", problems)
        step = by_number.get(entry["step"])
        if problems.expect(step is not None, "input_snapshot.json", f"{where} is not in bundle.json steps[]"):
            problems.expect(step["program"] is not None and step["program"]["sha256"] == entry["program"]["sha256"],
                            "input_snapshot.json", f"{where}.program.sha256 differs from bundle.json steps[].program.sha256")


def check_step_trace(trace: list[tuple[int, dict[str, Any]]], steps: list[dict[str, Any]], problems: Problems) -> None:
    by_number = {s["step"]: s for s in steps}
    open_steps: set[int] = set()
    for number, event in trace:
        kind, step = event["type"], event.get("step")
        if kind in ("run.start", "run.finish"):
            problems.expect(step is None, "trace.jsonl", f"line {number}: {kind} names a step")
            continue
        if not problems.expect(step is not None, "trace.jsonl", f"line {number}: {kind} in a run made of steps names no step"):
            continue
        if kind == "step.start":
            problems.expect(step not in open_steps, "trace.jsonl", f"line {number}: step {step} starts twice")
            open_steps.add(step)
        elif kind == "step.finish":
            problems.expect(step in open_steps, "trace.jsonl", f"line {number}: step {step} finishes without starting")
            open_steps.discard(step)
            recorded = by_number.get(step)
            if problems.expect(recorded is not None, "trace.jsonl", f"line {number}: step {step} is not in bundle.json steps[]"):
                for field in ("outcome", "exit_code"):
                    problems.expect(event[field] == recorded[field], "trace.jsonl",
                                    f"line {number}: step.finish {field} differs from bundle.json steps[step {step}]")
        else:
            problems.expect(step in open_steps, "trace.jsonl", f"line {number}: {kind} of step {step} outside its step.start/finish")


def check_capture(record: dict[str, Any], stream: str, files: dict[str, Any], where: str, problems: Problems) -> None:
    capture = record[stream]
    path = capture["path"]
    expected_path = f"{stream}/{record['name']}_{record['attempt']}.txt"
    problems.expect(path == expected_path, "checks.jsonl", f"{where}: {stream}.path is {path}; expected {expected_path}")
    problems.expect(capture["bytes_kept"] <= capture["bytes_total"], "checks.jsonl",
                    f"{where}: {stream}.bytes_kept exceeds bytes_total")
    problems.expect(capture["truncated"] == (capture["bytes_kept"] < capture["bytes_total"]), "checks.jsonl",
                    f"{where}: {stream}.truncated disagrees with bytes_kept < bytes_total")
    entry = files.get(path)
    if not problems.expect(entry is not None, "checks.jsonl", f"{where}: {stream} capture {path} is not in the bundle"):
        return
    if capture["truncated"]:
        problems.expect(entry["bytes"] > capture["bytes_kept"], "checks.jsonl",
                        f"{where}: {stream} is truncated but {path} has no room for the omission marker")
    else:
        problems.expect(entry["bytes"] == capture["bytes_total"] and entry["sha256"] == capture["sha256"], "checks.jsonl",
                        f"{where}: {stream} is complete but {path} ({entry['bytes']} bytes) does not match bytes_total/sha256")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="validate_bundle.py",
        description="Validate a dotnet-evidence v1 bundle against the published JSON Schemas and its own file list.")
    parser.add_argument("bundle", metavar="BUNDLE_DIR", help="a sealed bundle folder, e.g. .evidence/runs/<run_id>")
    parser.add_argument("--schemas", metavar="DIR", type=Path,
                        default=Path(__file__).resolve().parent.parent / "schemas" / "v1",
                        help="folder with the v1 *.schema.json files (default: schemas/v1 of this repository)")
    args = parser.parse_args(argv)  # exits 2 on usage errors

    root = Path(args.bundle)
    if not root.is_dir():
        return usage_error(f"not a folder: {root}")
    if not args.schemas.is_dir():
        return usage_error(f"schemas folder not found: {args.schemas}")
    validators = load_schemas(args.schemas)

    count, problems = validate(root, validators)
    for file, message in problems.items:
        print(f"{file}: {message}")
    if problems.items:
        print(f"invalid: {len(problems.items)} problems")
        return 1
    print(f"ok {count} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
