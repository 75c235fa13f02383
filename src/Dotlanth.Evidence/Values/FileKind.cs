namespace Dotlanth.Evidence.Values;

/// <summary>What a directory entry is, seen without following a link.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Link,
    Fifo,
    Socket,
    Device,
    Unknown,
}
