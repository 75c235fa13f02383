// The suite drives real POSIX processes, signals and /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
