namespace Dotlanth.Evidence.Bundles;

public static class OutcomeNames
{
    public static string ToWire(this Outcome outcome) => outcome switch
    {
        Outcome.Verified => "verified",
        Outcome.Failed => "failed",
        Outcome.Blocked => "blocked",
        Outcome.Cancelled => "cancelled",
        Outcome.Error => "error",
        Outcome.Incomplete => "incomplete",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static Outcome Parse(string wire) =>
        Enum.GetValues<Outcome>().FirstOrDefault(o => o.ToWire() == wire) is var outcome && outcome.ToWire() == wire
            ? outcome
            : throw new FormatException($"'{wire}' is not an outcome.");
}
