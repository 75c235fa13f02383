namespace Dotlanth.Evidence.Tests.Core.Redaction.Corpus;

/// <summary>
/// The generated corpus: every secret family in every context it fits, HTTP Basic credentials in their contexts, and
/// look-alike negatives. Seeded, so a failure names a case that can be made again.
/// </summary>
public static class SecretCorpus
{
    public static IReadOnlyList<CorpusCase> Make(int seed)
    {
        var random = new Random(seed);
        var cases = new List<CorpusCase>();
        var index = 0;
        foreach (var family in SecretFamilies.All)
        {
            foreach (var context in PairContexts.All)
            {
                if ((context.Style == NameStyle.Words && !family.Prose) || (family.Quoted && !context.AllowsSpaces))
                {
                    continue;
                }

                var names = context.Style switch
                {
                    NameStyle.Variable => PairContexts.Variables,
                    NameStyle.Key => PairContexts.Keys,
                    _ => PairContexts.Words,
                };
                var value = family.Make(random);
                var name = names[index++ % names.Count];
                cases.Add(new CorpusCase(family.Name, context.Name, context.Write(name, value), [.. context.FormsOf(value)]));
            }
        }

        foreach (var (name, write) in BasicCredentials.Contexts)
        {
            for (var i = 0; i < 4; i++)
            {
                var encoded = BasicCredentials.Encode(SecretFamilies.Pick(random, "abcdefghijklmnopqrstuvwxyz", 4 + i), SecretFamilies.Mixed(random, 8 + (4 * i), "!#%"));
                cases.Add(new CorpusCase("basic-auth", name, write(encoded), [encoded]));
            }
        }

        cases.AddRange(Negatives.Make(random).Select(n => new CorpusCase(n.Family, "negative", n.Text, [])));
        return cases;
    }
}
