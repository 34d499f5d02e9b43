namespace Primage.Kernels.Survival.Inrg;

/// <summary>
/// The INRG pre-treatment classification (Cohn et al., JCO 2009; NCI PDQ neuroblastoma, Table 4),
/// implemented row by row from the table in DOMAIN.md.
/// </summary>
/// <remarks>
/// How the table is read (its rows overlap and leave gaps):
/// <list type="number">
/// <item>Histology GN maturing or GNB intermixed with stage L1 or L2 gives A whatever the age and MYCN
/// (the A row is checked first). With any other histology ("other histology") the L1/L2 rows below apply.</item>
/// <item>L1, other histology: MYCN not amplified gives B, amplified gives K; age, grade, 11q and ploidy are not read.</item>
/// <item>L2, other histology: MYCN amplified gives N at any age. Not amplified, under 18 months: 11q decides D/G.
/// Not amplified, 18 months or older: the histology is GNB nodular or NB (the only other categories);
/// differentiating grade then 11q decides E/H; poorly differentiated or undifferentiated gives H.</item>
/// <item>M at 18 months or older gives P whatever else. Under 18 months: MYCN amplified gives O; not amplified,
/// hyperdiploid gives F; not amplified, diploid gives I under 12 months and J from 12 to under 18 months.
/// Histology, grade and 11q are not read for M.</item>
/// <item>MS under 18 months: MYCN amplified gives R; not amplified, 11q decides C/Q. MS at 18 months or older
/// has no row (by INRGSS definition MS applies only under 18 months): unclassified.</item>
/// </list>
/// Missing inputs are completed with every value of their domain (age with the representatives 6, 15 and
/// 24 months, one per interval the table distinguishes: under 12, 12 to under 18, 18 or older); the
/// result is a group only when every completion gives the same group.
/// </remarks>
public static class InrgClassifier
{
    /// <summary>Age threshold of the table, months.</summary>
    public const double EighteenMonths = 18.0;

    /// <summary>Age threshold between groups I and J, months.</summary>
    public const double TwelveMonths = 12.0;

    private static readonly double[] _ageRepresentatives = [6.0, 15.0, 24.0];

    /// <summary>Every group of the table, by letter.</summary>
    public static IReadOnlyDictionary<char, InrgGroup> Groups { get; } = new Dictionary<char, InrgGroup>
    {
        ['A'] = new('A', InrgRiskClass.VeryLow),
        ['B'] = new('B', InrgRiskClass.VeryLow),
        ['C'] = new('C', InrgRiskClass.VeryLow),
        ['D'] = new('D', InrgRiskClass.Low),
        ['E'] = new('E', InrgRiskClass.Low),
        ['F'] = new('F', InrgRiskClass.Low),
        ['G'] = new('G', InrgRiskClass.Intermediate),
        ['H'] = new('H', InrgRiskClass.Intermediate),
        ['I'] = new('I', InrgRiskClass.Intermediate),
        ['J'] = new('J', InrgRiskClass.Intermediate),
        ['K'] = new('K', InrgRiskClass.High),
        ['N'] = new('N', InrgRiskClass.High),
        ['O'] = new('O', InrgRiskClass.High),
        ['P'] = new('P', InrgRiskClass.High),
        ['Q'] = new('Q', InrgRiskClass.High),
        ['R'] = new('R', InrgRiskClass.High),
    };

    /// <summary>Classifies the inputs; unknown inputs are enumerated over their domains.</summary>
    public static InrgClassification Classify(InrgInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.AgeMonths is { } age && (double.IsNaN(age) || age < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), "Age at diagnosis must be a non-negative number of months.");
        }

        var read = new HashSet<InrgInput>();
        var groups = new SortedSet<char>();
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var completion in Completions(inputs))
        {
            var (letter, reason) = Decide(completion, read);
            if (letter is { } l)
            {
                groups.Add(l);
            }
            else
            {
                reasons.Add(reason!);
            }
        }

        var used = read.Where(i => IsKnown(inputs, i)).Order().ToArray();
        var missing = read.Where(i => !IsKnown(inputs, i)).Order().ToArray();
        var possibleGroups = groups.Select(l => Groups[l]).ToArray();
        var possibleRisks = possibleGroups.Select(g => g.Risk).Distinct().Order().ToArray();
        var unclassified = reasons.Count > 0;

        InrgGroup? group = !unclassified && possibleGroups.Length == 1 ? possibleGroups[0] : null;
        InrgRiskClass? risk = !unclassified && possibleRisks.Length == 1 ? possibleRisks[0] : null;
        string why;
        if (unclassified)
        {
            why = string.Join("; ", reasons);
        }
        else if (group is null)
        {
            why = "Missing inputs leave several groups possible: " + string.Join(", ", missing) + ".";
        }
        else
        {
            why = string.Empty;
        }

        return new InrgClassification(group, risk, used, missing, possibleGroups, possibleRisks, unclassified, why);
    }

    private static bool IsKnown(InrgInputs inputs, InrgInput input) => input switch
    {
        InrgInput.Stage => inputs.Stage.HasValue,
        InrgInput.AgeMonths => inputs.AgeMonths.HasValue,
        InrgInput.Histology => inputs.Histology.HasValue,
        InrgInput.Grade => inputs.Grade.HasValue,
        InrgInput.Mycn => inputs.MycnAmplified.HasValue,
        InrgInput.ElevenQ => inputs.ElevenQAberration.HasValue,
        InrgInput.Ploidy => inputs.Ploidy.HasValue,
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    private static IEnumerable<InrgInputs> Completions(InrgInputs inputs)
    {
        InrgssStage?[] stages = inputs.Stage is { } s ? [s] : [.. Enum.GetValues<InrgssStage>().Cast<InrgssStage?>()];
        double?[] ages = inputs.AgeMonths is { } a ? [a] : [.. _ageRepresentatives.Cast<double?>()];
        InrgHistology?[] histologies = inputs.Histology is { } h ? [h] : [.. Enum.GetValues<InrgHistology>().Cast<InrgHistology?>()];
        InrgGrade?[] grades = inputs.Grade is { } g ? [g] : [.. Enum.GetValues<InrgGrade>().Cast<InrgGrade?>()];
        bool?[] mycns = inputs.MycnAmplified is { } m ? [m] : [false, true];
        bool?[] elevenQs = inputs.ElevenQAberration is { } q ? [q] : [false, true];
        Ploidy?[] ploidies = inputs.Ploidy is { } p ? [p] : [.. Enum.GetValues<Ploidy>().Cast<Ploidy?>()];

        foreach (var stage in stages)
        {
            foreach (var age in ages)
            {
                foreach (var histology in histologies)
                {
                    foreach (var grade in grades)
                    {
                        foreach (var mycn in mycns)
                        {
                            foreach (var elevenQ in elevenQs)
                            {
                                foreach (var ploidy in ploidies)
                                {
                                    yield return new InrgInputs(stage, age, histology, grade, mycn, elevenQ, ploidy);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // One complete set of inputs through the table; every input consulted is recorded in `read`.
    private static (char? Letter, string? Reason) Decide(InrgInputs c, HashSet<InrgInput> read)
    {
        InrgssStage Stage()
        {
            read.Add(InrgInput.Stage);
            return c.Stage!.Value;
        }

        double Age()
        {
            read.Add(InrgInput.AgeMonths);
            return c.AgeMonths!.Value;
        }

        InrgHistology Histology()
        {
            read.Add(InrgInput.Histology);
            return c.Histology!.Value;
        }

        InrgGrade Grade()
        {
            read.Add(InrgInput.Grade);
            return c.Grade!.Value;
        }

        bool Amplified()
        {
            read.Add(InrgInput.Mycn);
            return c.MycnAmplified!.Value;
        }

        bool ElevenQ()
        {
            read.Add(InrgInput.ElevenQ);
            return c.ElevenQAberration!.Value;
        }

        Ploidy PloidyValue()
        {
            read.Add(InrgInput.Ploidy);
            return c.Ploidy!.Value;
        }

        switch (Stage())
        {
            case InrgssStage.L1:
            case InrgssStage.L2:
                {
                    var stage = c.Stage!.Value;
                    var histology = Histology();
                    if (histology is InrgHistology.GanglioneuromaMaturing or InrgHistology.GanglioneuroblastomaIntermixed)
                    {
                        return ('A', null);
                    }

                    if (stage == InrgssStage.L1)
                    {
                        return (Amplified() ? 'K' : 'B', null);
                    }

                    if (Amplified())
                    {
                        return ('N', null);
                    }

                    if (Age() < EighteenMonths)
                    {
                        return (ElevenQ() ? 'G' : 'D', null);
                    }

                    // 18 months or older: histology here is GNB nodular or NB, the table's condition for E and H.
                    if (Grade() == InrgGrade.Differentiating)
                    {
                        return (ElevenQ() ? 'H' : 'E', null);
                    }

                    return ('H', null);
                }

            case InrgssStage.M:
                if (Age() >= EighteenMonths)
                {
                    return ('P', null);
                }

                if (Amplified())
                {
                    return ('O', null);
                }

                if (PloidyValue() == Inrg.Ploidy.Hyperdiploid)
                {
                    return ('F', null);
                }

                return (Age() < TwelveMonths ? 'I' : 'J', null);

            case InrgssStage.MS:
                if (Age() >= EighteenMonths)
                {
                    return (null, "MS at 18 months or older has no row in the INRG table (INRGSS restricts MS to children under 18 months)");
                }

                if (Amplified())
                {
                    return ('R', null);
                }

                return (ElevenQ() ? 'Q' : 'C', null);

            default:
                throw new ArgumentOutOfRangeException(nameof(c), "Unknown INRGSS stage.");
        }
    }
}
