using Dotlanth.Evidence.Diagnostics;

namespace Dotlanth.Evidence.Facts;

/// <summary>errors.json in the making; safe to add to from any thread.</summary>
public sealed class RunErrors
{
    private readonly List<EvidenceError> _errors = [];
    private readonly Lock _gate = new();

    public void Add(EvidenceError error)
    {
        lock (_gate)
        {
            _errors.Add(error);
        }
    }

    public IReadOnlyList<EvidenceError> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }
}
