using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Checks;
using Dotlanth.Evidence.Diagnostics;
using Dotlanth.Evidence.Facts;
using Dotlanth.Evidence.Host;
using Dotlanth.Evidence.Options;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Runs;

/// <summary>
/// What a recorded call left in the interrupted run, carried into the run that resumes it as the call is answered:
/// a proc.exec's check (record, captures, test cases), an artifact.put's artifact, a denial. The resumed bundle then
/// stands alone: its outcome counts the checks the interrupted run passed or failed, and it verifies on its own.
/// </summary>
internal sealed class ResumedCalls(ResumePoint resume, CheckRunner runner, RunHost host, CapabilityReport report, TraceLog trace, BundleWriter bundle)
{
    private readonly IReadOnlyList<JsonObject> _checks = BundleLines.Read(resume.ParentBundle, BundleLayout.Checks);
    private readonly IReadOnlyList<JsonObject> _tests = File.Exists(Path.Combine(resume.ParentBundle, BundleLayout.Tests)) ? BundleLines.Read(resume.ParentBundle, BundleLayout.Tests) : [];
    private readonly JsonArray _denied = BundleLines.Document(resume.ParentBundle, BundleLayout.CapabilityReport)?["denied"]?.AsArray() ?? [];
    private readonly JsonArray _artifacts = BundleLines.Document(resume.ParentBundle, BundleLayout.ArtifactsIndex)?["artifacts"]?.AsArray() ?? [];

    /// <summary>Called as <paramref name="call"/> is answered from the recording; <paramref name="seq"/> is its attempt's seq in this run.</summary>
    public void Carry(RecordedCall call, long seq)
    {
        if (call.Number == SyscallTable.ProcExec.Number)
        {
            foreach (var record in _checks.Where(c => (long?)c[BundleFields.Seq] == call.Seq))
            {
                runner.Carry(resume.ParentBundle, resume.ParentRunId, record, _tests, seq);
            }
        }

        if (call.Number == SyscallTable.ArtifactPut.Number)
        {
            foreach (var entry in _artifacts.OfType<JsonObject>().Where(a => (long?)a["producer"]?["program_seq"] == call.Seq))
            {
                var copy = entry.DeepClone().AsObject();
                foreach (var file in copy["files"]!.AsArray().OfType<JsonObject>())
                {
                    var (bytes, sha) = ArtifactCollector.Copy(bundle, Path.Combine(resume.ParentBundle, (string)file["path"]!), (string)file["path"]!);
                    file["bytes"] = bytes;
                    file["sha256"] = sha;
                }

                copy["producer"]!["program_seq"] = seq;
                host.Carry(copy);
            }
        }

        if ((string?)call.Result?["error"]?["code"] == Codes.CapabilityDenied)
        {
            foreach (var denial in _denied.OfType<JsonObject>().Where(d => (long?)d["attempt_seq"] == call.Seq))
            {
                var (subject, message) = ((string)denial["subject"]!, (string)denial["message"]!);
                var at = trace.Emit(TraceEvents.CapabilityDenied, new JsonObject { ["attempt_seq"] = seq, ["syscall"] = call.Name, ["subject"] = subject, ["message"] = message });
                report.Denied(at, seq, call.Name, subject, message);
            }
        }
    }
}
