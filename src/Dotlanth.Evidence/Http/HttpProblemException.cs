namespace Dotlanth.Evidence.Http;

/// <summary>A request the server refuses itself, with the status it answers (400, 408, 413, 431, 501, 505).</summary>
public sealed class HttpProblemException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
