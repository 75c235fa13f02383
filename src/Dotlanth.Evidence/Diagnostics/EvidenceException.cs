namespace Dotlanth.Evidence.Diagnostics;

/// <summary>A refusal with nothing to record it in (no run to append to, no run to end): the front end prints the one line.</summary>
public sealed class EvidenceException : Exception
{
    public EvidenceException(EvidenceError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    public EvidenceException()
        : this(new EvidenceError(Codes.Internal, "unspecified"))
    {
    }

    public EvidenceException(string message)
        : this(new EvidenceError(Codes.Internal, message))
    {
    }

    public EvidenceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new EvidenceError(Codes.Internal, message);
    }

    public EvidenceError Error { get; }
}
