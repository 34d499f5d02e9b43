using Primage.Api.Cohorts;

namespace Primage.Api.Tests.Cohorts;

public sealed class CohortCsvTests
{
    [Fact]
    public void A_tab_separated_tumour_growth_file_groups_rows_by_subject_and_converts_mm3_to_ml()
    {
        var (subjects, errors) = CohortCsv.Parse("ID\tTime\tObservation\n0\t7.0\t50.0\n0\t11.0\t309.5\n1\t7.0\t1000\n");

        Assert.Empty(errors);
        Assert.Equal(["0", "1"], subjects.Select(s => s.Subject));
        Assert.Equal([(7.0, 0.05), (11.0, 0.3095)], subjects[0].Measurements);
        Assert.Equal(1.0, subjects[1].Measurements.Single().VolumeMl);
    }

    [Fact]
    public void A_comma_separated_file_reads_the_optional_profile_columns()
    {
        var (subjects, errors) = CohortCsv.Parse("subject,time,volume,site,diagnosis,diagnosisDate\r\np1,0,2000,lafe,dipg,2024-01-03\r\n");

        Assert.Empty(errors);
        var s = Assert.Single(subjects);
        Assert.Equal(("lafe", "dipg", new DateOnly(2024, 1, 3)), (s.Site, s.Diagnosis, s.DiagnosisDate!.Value));
        Assert.Equal(2.0, s.Measurements.Single().VolumeMl);
    }

    [Fact]
    public void Bad_rows_are_reported_by_line_and_a_header_without_volume_is_refused()
    {
        var (subjects, errors) = CohortCsv.Parse("subject,time,volume\np1,x,1\np1,1,5\n");
        Assert.Single(subjects);
        Assert.Equal("line 2: needs a subject of letters, digits, '-' or '_', a day >= 0 and a volume", Assert.Single(errors));

        var (none, headerErrors) = CohortCsv.Parse("subject,time\np1,1\n");
        Assert.Empty(none);
        Assert.Contains("volume", Assert.Single(headerErrors), StringComparison.Ordinal);
    }
}
