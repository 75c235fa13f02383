namespace Dotlanth.Evidence.Stores;

/// <summary>What a push did: <see cref="AlreadyPresent"/> when the store held this very bundle already.</summary>
public sealed record PushResult(string RunId, string Digest, bool AlreadyPresent, int FilesUploaded, int FilesSkipped, long BytesUploaded)
{
    /// <summary>Unfinished multipart uploads an earlier push of this run left on the server, aborted by this one.</summary>
    public int UploadsAborted { get; init; }
}
