using System.Text.Json.Nodes;
using Dotlanth.Evidence.Bundles;
using Dotlanth.Evidence.Vm;

namespace Dotlanth.Evidence.Facts;

/// <summary>capability_report.json in the making: what was declared and how often each was used, what was denied.</summary>
public sealed class CapabilityReport(IReadOnlyList<Capability> declared)
{
    private readonly int[] _uses = new int[declared.Count];
    private readonly SortedDictionary<string, int> _unguarded = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _denied = [];

    public IReadOnlyList<Capability> Declared { get; } = declared;

    public int DeniedCount => _denied.Count;

    public void Used(int capability) => _uses[capability]++;

    public void UsedUnguarded(string syscall) => _unguarded[syscall] = _unguarded.GetValueOrDefault(syscall) + 1;

    public void Denied(long seq, long attemptSeq, string syscall, string subject, string message) => _denied.Add(new JsonObject
    {
        [BundleFields.Seq] = seq,
        ["attempt_seq"] = attemptSeq,
        ["syscall"] = syscall,
        ["subject"] = subject,
        ["message"] = message,
    });

    /// <summary>
    /// The report; a <c>proc.exec</c> pattern is a command line, so it is redacted as one (a <c>-pSECRET</c> or a secret
    /// after its flag is found from its neighbour) before the per-string redaction every JSON file gets.
    /// </summary>
    public JsonObject ToJson(Redaction.IRedactor redactor) => new()
    {
        [BundleFields.SchemaVersion] = BundleLayout.SchemaVersion,
        ["declared"] = new JsonArray([.. Declared.Select((c, i) => (JsonNode)new JsonObject
        {
            ["syscall"] = c.Syscall,
            ["pattern"] = Vm.SyscallTable.ByName(c.Syscall)?.Capability == Vm.CapabilitySubject.CommandLine ? string.Join(' ', redactor.RedactArgv(c.Pattern.Split(' '))) : c.Pattern,
            ["source"] = c.Source,
            ["uses"] = _uses[i],
        })]),
        ["unguarded"] = new JsonObject([.. _unguarded.Select(u => KeyValuePair.Create(u.Key, (JsonNode?)u.Value))]),
        ["denied"] = new JsonArray([.. _denied.Select(d => (JsonNode)d.DeepClone())]),
    };
}
