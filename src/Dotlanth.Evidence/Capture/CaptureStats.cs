namespace Dotlanth.Evidence.Capture;

/// <summary>The record of one captured stream: totals and hash cover the whole (redacted) stream, not just what was kept.</summary>
public sealed record CaptureStats(long BytesTotal, long BytesKept, bool Truncated, string Sha256);
