using Primage.Kernels.Survival;
using Primage.Kernels.Survival.Inrg;
using Primage.Kernels.Survival.Neuroblastoma;

namespace Primage.Kernels.Tests.Survival;

public class ProfileWireTests
{
    [Theory]
    [InlineData("neuroblastoma", InrgHistology.Neuroblastoma)]
    [InlineData("ganglioneuroblastoma-intermixed", InrgHistology.GanglioneuroblastomaIntermixed)]
    [InlineData("ganglioneuroblastoma-nodular", InrgHistology.GanglioneuroblastomaNodular)]
    [InlineData("ganglioneuroma-maturing", InrgHistology.GanglioneuromaMaturing)]
    public void Histologies_with_an_INRG_category_map_one_to_one(string wire, InrgHistology expected)
    {
        var (value, note) = ProfileWire.Histology(wire);

        Assert.Equal(expected, value);
        Assert.Null(note);
    }

    [Theory]
    [InlineData("ganglioneuroblastoma")]
    [InlineData("ganglioneuroma")]
    [InlineData("ganglioneuroma-mature")]
    public void Histologies_the_table_cannot_place_are_unknown_with_a_note(string wire)
    {
        var (value, note) = ProfileWire.Histology(wire);

        Assert.Null(value);
        Assert.NotNull(note);
    }

    [Fact]
    public void Stage_grade_ploidy_and_sex_parse_their_wire_values()
    {
        Assert.Equal(InrgssStage.MS, ProfileWire.InrgssStage("ms"));
        Assert.Equal(InssStage.Stage2, ProfileWire.InssStage("2b"));
        Assert.Equal(InssStage.Stage4S, ProfileWire.InssStage("4S"));
        Assert.Equal(InrgGrade.PoorlyDifferentiated, ProfileWire.Grade("poorly-differentiated"));
        Assert.Equal(Ploidy.Diploid, ProfileWire.Ploidy("hypodiploid"));
        Assert.True(ProfileWire.Male("male"));
        Assert.Null(ProfileWire.Male("unknown"));
        Assert.Null(ProfileWire.InssStage("5"));
    }
}
