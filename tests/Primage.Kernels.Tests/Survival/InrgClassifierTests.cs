using Primage.Kernels.Survival.Inrg;

namespace Primage.Kernels.Tests.Survival;

public class InrgClassifierTests
{
    // One case per row of the INRG table in DOMAIN.md (A appears for L1 and L2), with every input known.
    // Columns: stage, age (months), histology, grade, MYCN amplified, 11q, ploidy, expected letter, expected risk.
    public static TheoryData<InrgssStage, double, InrgHistology, InrgGrade, bool, bool, Ploidy, char, InrgRiskClass> TableRows => new()
    {
        { InrgssStage.L1, 30, InrgHistology.GanglioneuromaMaturing, InrgGrade.Differentiating, true, true, Ploidy.Diploid, 'A', InrgRiskClass.VeryLow },
        { InrgssStage.L2, 5, InrgHistology.GanglioneuroblastomaIntermixed, InrgGrade.Undifferentiated, true, true, Ploidy.Diploid, 'A', InrgRiskClass.VeryLow },
        { InrgssStage.L1, 40, InrgHistology.Neuroblastoma, InrgGrade.Undifferentiated, false, true, Ploidy.Diploid, 'B', InrgRiskClass.VeryLow },
        { InrgssStage.L1, 8, InrgHistology.GanglioneuroblastomaNodular, InrgGrade.Differentiating, true, false, Ploidy.Hyperdiploid, 'K', InrgRiskClass.High },
        { InrgssStage.L2, 17.9, InrgHistology.Neuroblastoma, InrgGrade.PoorlyDifferentiated, false, false, Ploidy.Diploid, 'D', InrgRiskClass.Low },
        { InrgssStage.L2, 3, InrgHistology.GanglioneuroblastomaNodular, InrgGrade.Differentiating, false, true, Ploidy.Hyperdiploid, 'G', InrgRiskClass.Intermediate },
        { InrgssStage.L2, 18, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, false, false, Ploidy.Diploid, 'E', InrgRiskClass.Low },
        { InrgssStage.L2, 60, InrgHistology.GanglioneuroblastomaNodular, InrgGrade.Differentiating, false, true, Ploidy.Diploid, 'H', InrgRiskClass.Intermediate },
        { InrgssStage.L2, 25, InrgHistology.Neuroblastoma, InrgGrade.PoorlyDifferentiated, false, false, Ploidy.Hyperdiploid, 'H', InrgRiskClass.Intermediate },
        { InrgssStage.L2, 25, InrgHistology.Neuroblastoma, InrgGrade.Undifferentiated, false, false, Ploidy.Hyperdiploid, 'H', InrgRiskClass.Intermediate },
        { InrgssStage.L2, 6, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, true, false, Ploidy.Hyperdiploid, 'N', InrgRiskClass.High },
        { InrgssStage.L2, 36, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, true, false, Ploidy.Hyperdiploid, 'N', InrgRiskClass.High },
        { InrgssStage.M, 14, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, false, true, Ploidy.Hyperdiploid, 'F', InrgRiskClass.Low },
        { InrgssStage.M, 11.9, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, false, false, Ploidy.Diploid, 'I', InrgRiskClass.Intermediate },
        { InrgssStage.M, 12, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, false, false, Ploidy.Diploid, 'J', InrgRiskClass.Intermediate },
        { InrgssStage.M, 10, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, true, false, Ploidy.Hyperdiploid, 'O', InrgRiskClass.High },
        { InrgssStage.M, 18, InrgHistology.GanglioneuromaMaturing, InrgGrade.Differentiating, false, false, Ploidy.Hyperdiploid, 'P', InrgRiskClass.High },
        { InrgssStage.MS, 4, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, false, false, Ploidy.Diploid, 'C', InrgRiskClass.VeryLow },
        { InrgssStage.MS, 4, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, false, true, Ploidy.Diploid, 'Q', InrgRiskClass.High },
        { InrgssStage.MS, 4, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, true, true, Ploidy.Diploid, 'R', InrgRiskClass.High },
    };

    [Theory]
    [MemberData(nameof(TableRows))]
    public void Every_table_row_gives_its_group_and_risk(
        InrgssStage stage, double age, InrgHistology histology, InrgGrade grade, bool amplified, bool elevenQ, Ploidy ploidy, char letter, InrgRiskClass risk)
    {
        var result = InrgClassifier.Classify(new InrgInputs(stage, age, histology, grade, amplified, elevenQ, ploidy));

        Assert.Equal(letter, result.Group?.Letter);
        Assert.Equal(risk, result.Risk);
        Assert.Empty(result.InputsMissing);
        Assert.False(result.Unclassified);
        Assert.Single(result.PossibleGroups);
    }

    [Fact]
    public void Table_covers_sixteen_groups_A_to_R_without_L_and_M() =>
        Assert.Equal("ABCDEFGHIJKNOPQR", new string([.. InrgClassifier.Groups.Keys.Order()]));

    [Fact]
    public void M_at_18_months_or_older_is_P_with_only_stage_and_age_known()
    {
        var result = InrgClassifier.Classify(new InrgInputs(InrgssStage.M, 30, null, null, null, null, null));

        Assert.Equal('P', result.Group?.Letter);
        Assert.Equal(InrgRiskClass.High, result.Risk);
        Assert.Equal([InrgInput.Stage, InrgInput.AgeMonths], result.InputsUsed);
        Assert.Empty(result.InputsMissing);
    }

    [Fact]
    public void GN_maturing_at_L1_is_A_without_MYCN_or_age()
    {
        var result = InrgClassifier.Classify(new InrgInputs(InrgssStage.L1, null, InrgHistology.GanglioneuromaMaturing, null, null, null, null));

        Assert.Equal('A', result.Group?.Letter);
        Assert.Equal([InrgInput.Stage, InrgInput.Histology], result.InputsUsed);
    }

    [Fact]
    public void L2_infant_without_11q_lists_D_and_G_and_names_11q_missing()
    {
        var result = InrgClassifier.Classify(new InrgInputs(InrgssStage.L2, 10, InrgHistology.Neuroblastoma, null, false, null, null));

        Assert.Null(result.Group);
        Assert.Null(result.Risk);
        Assert.Equal("DG", new string([.. result.PossibleGroups.Select(g => g.Letter)]));
        Assert.Equal([InrgRiskClass.Low, InrgRiskClass.Intermediate], result.PossibleRisks);
        Assert.Equal([InrgInput.ElevenQ], result.InputsMissing);
        Assert.Equal([InrgInput.Stage, InrgInput.AgeMonths, InrgInput.Histology, InrgInput.Mycn], result.InputsUsed);
    }

    [Fact]
    public void M_amplified_without_age_is_high_risk_but_O_or_P()
    {
        var result = InrgClassifier.Classify(new InrgInputs(InrgssStage.M, null, null, null, true, null, null));

        Assert.Null(result.Group);
        Assert.Equal(InrgRiskClass.High, result.Risk);
        Assert.Equal("OP", new string([.. result.PossibleGroups.Select(g => g.Letter)]));
        Assert.Equal([InrgInput.AgeMonths], result.InputsMissing);
    }

    [Fact]
    public void M_infant_not_amplified_without_ploidy_or_age_lists_F_I_J_and_P()
    {
        var result = InrgClassifier.Classify(new InrgInputs(InrgssStage.M, null, null, null, false, null, null));

        Assert.Equal("FIJP", new string([.. result.PossibleGroups.Select(g => g.Letter)]));
        Assert.Equal([InrgInput.AgeMonths, InrgInput.Ploidy], result.InputsMissing);
    }

    [Fact]
    public void L1_not_amplified_without_histology_is_very_low_risk_A_or_B()
    {
        var result = InrgClassifier.Classify(new InrgInputs(InrgssStage.L1, 20, null, null, false, null, null));

        Assert.Null(result.Group);
        Assert.Equal(InrgRiskClass.VeryLow, result.Risk);
        Assert.Equal("AB", new string([.. result.PossibleGroups.Select(g => g.Letter)]));
    }

    [Fact]
    public void MS_at_18_months_or_older_is_unclassified_with_a_reason()
    {
        var result = InrgClassifier.Classify(new InrgInputs(InrgssStage.MS, 20, InrgHistology.Neuroblastoma, InrgGrade.Differentiating, false, false, Ploidy.Diploid));

        Assert.True(result.Unclassified);
        Assert.Null(result.Group);
        Assert.Null(result.Risk);
        Assert.Empty(result.PossibleGroups);
        Assert.Contains("MS at 18 months or older", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_known_leaves_every_group_possible_and_flags_the_gap()
    {
        var result = InrgClassifier.Classify(new InrgInputs(null, null, null, null, null, null, null));

        Assert.Equal(16, result.PossibleGroups.Count);
        Assert.True(result.Unclassified);
        Assert.Empty(result.InputsUsed);
        Assert.Equal(Enum.GetValues<InrgInput>(), result.InputsMissing);
    }

    [Fact]
    public void Negative_age_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InrgClassifier.Classify(new InrgInputs(InrgssStage.M, -1, null, null, null, null, null)));
}
