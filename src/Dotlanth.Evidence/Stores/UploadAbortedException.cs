namespace Dotlanth.Evidence.Stores;

/// <summary>A multipart upload vanished under a push (another push of the same run aborted it as a leftover).</summary>
internal sealed class UploadAbortedException : Exception
{
    public UploadAbortedException()
    {
    }

    public UploadAbortedException(string message)
        : base(message)
    {
    }

    public UploadAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
