using System.Text.Json;

namespace Dotlanth.Evidence.MSBuild;

/// <summary>The parts of a run's result file (schemas/v1/run-result.schema.json) the task reports from.</summary>
internal sealed record RunOutcome(bool Recorded, string? Outcome, string? RunId, string? Bundle, string? Problems, TestOutcome? Tests)
{
    /// <summary>Null when there is no readable result file: then nothing was recorded.</summary>
    public static RunOutcome? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new RunOutcome(
                root.TryGetProperty("recorded", out var recorded) && recorded.ValueKind == JsonValueKind.True,
                Text(root, "outcome"),
                Text(root, "run_id"),
                Text(root, "bundle"),
                Text(root, "problems"),
                root.TryGetProperty("tests", out var tests) && tests.ValueKind == JsonValueKind.Object ? TestOutcome.From(tests) : null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
