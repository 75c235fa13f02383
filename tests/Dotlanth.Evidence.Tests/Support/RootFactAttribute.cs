namespace Dotlanth.Evidence.Tests.Support;

/// <summary>A fact that needs root (to hand a folder to another user, as CI containers do); skipped, and counted so, otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "needs root: only root can hand a folder to another user";
        }
    }
}
