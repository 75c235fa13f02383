namespace Dotlanth.Evidence.Redaction;

/// <summary>
/// One keyword as the gate looks for it: found where three of its characters end (<see cref="End"/> is where the last
/// of them is relative to the keyword's start), then one more character's class is checked
/// (<see cref="ProbeOffset"/> from that position; 0 for none), then the keyword is compared whole.
/// </summary>
/// <param name="Order">Where the keyword stands in the catalog: anchors at one position keep this order.</param>
internal readonly record struct KeywordAnchor(string Keyword, int End, int ProbeOffset, byte ProbeClass, int[] Rules, bool CaseSensitive, int Order)
{
    public StringComparison Comparison => CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
}
