namespace Dotlanth.Evidence.Bundles;

/// <summary>How a run ended; the names are the bundle contract.</summary>
public enum Outcome
{
    Verified,
    Failed,
    Blocked,
    Cancelled,
    Error,
    Incomplete,
}
