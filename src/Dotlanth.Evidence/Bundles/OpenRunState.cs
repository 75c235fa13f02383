using System.Text.Json.Nodes;
using Dotlanth.Evidence.Json;

namespace Dotlanth.Evidence.Bundles;

/// <summary>
/// The counters an open run's processes share (<c>.state.json</c>): the last trace seq, attempts per check, steps
/// started and running, and DotVM steps used. Only read and written under the staging lock.
/// </summary>
internal sealed class OpenRunState
{
    public long Seq { get; set; }

    public Dictionary<string, int> Attempts { get; } = new(StringComparer.Ordinal);

    public int Steps { get; set; }

    public long VmSteps { get; set; }

    public bool Closed { get; set; }

    /// <summary>The <c>end</c> process that closed the run, so a crashed end can be told from one still sealing.</summary>
    public ActiveStep? Closer { get; set; }

    /// <summary>Steps that started and have not finished, with the process running each.</summary>
    public SortedDictionary<int, ActiveStep> Active { get; } = [];

    public static OpenRunState Load(string path)
    {
        var state = new OpenRunState();
        var node = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        state.Seq = node[BundleFields.Seq]!.GetValue<long>();
        state.Steps = node[BundleFields.Steps]!.GetValue<int>();
        state.VmSteps = node["vm_steps"]!.GetValue<long>();
        state.Closed = node["closed"]!.GetValue<bool>();
        foreach (var (name, value) in node["attempts"]!.AsObject())
        {
            state.Attempts[name] = value!.GetValue<int>();
        }

        if (node["closer"] is JsonObject closer)
        {
            state.Closer = new ActiveStep(closer["pid"]!.GetValue<int>(), closer["start_time"]!.GetValue<long>());
        }

        foreach (var (step, value) in node["active"]!.AsObject())
        {
            state.Active[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)] =
                new ActiveStep(value!["pid"]!.GetValue<int>(), value["start_time"]!.GetValue<long>());
        }

        return state;
    }

    /// <summary>Written beside and renamed over, so a crash mid-write never leaves half a file.</summary>
    public void Save(string path)
    {
        var node = new JsonObject
        {
            [BundleFields.Seq] = Seq,
            [BundleFields.Steps] = Steps,
            ["vm_steps"] = VmSteps,
            ["closed"] = Closed,
            ["closer"] = Closer is { } closer ? new JsonObject { ["pid"] = closer.Pid, ["start_time"] = closer.StartTime } : null,
            ["attempts"] = new JsonObject([.. Attempts.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
            ["active"] = new JsonObject([.. Active.Select(a => KeyValuePair.Create(
                a.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (JsonNode?)new JsonObject { ["pid"] = a.Value.Pid, ["start_time"] = a.Value.StartTime }))]),
        };
        var scratch = path + ".new";
        File.WriteAllBytes(scratch, JsonText.ToDocument(node));
        File.Move(scratch, path, overwrite: true);
    }
}
