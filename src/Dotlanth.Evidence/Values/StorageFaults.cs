namespace Dotlanth.Evidence.Values;

/// <summary>
/// Failures of the disk rather than of the tool: a full disk (ENOSPC), a quota, an I/O error (EIO), a folder made
/// read-only. Evidence that meets one records what it could not write and lets the command's result through.
/// </summary>
public static class StorageFaults
{
    public static bool Is(Exception ex) => ex switch
    {
        IOException or UnauthorizedAccessException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(Is),
        _ => false,
    };

    /// <summary>The message of the failure itself, not of a wrapper.</summary>
    public static string Describe(Exception ex) => ex is AggregateException { InnerExceptions: [var inner, ..] } ? Describe(inner) : ex.Message;
}
