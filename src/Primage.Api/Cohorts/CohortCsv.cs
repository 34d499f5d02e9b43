using System.Globalization;
using System.Text.RegularExpressions;

namespace Primage.Api.Cohorts;

/// <summary>
/// Reads a cohort file: one row per measurement with a header naming subject (or id), time (or day,
/// days from the base date) and volume (or observation, in mm^3), tab or comma separated (the shape
/// of validation/data/tumour-growth/*.tsv), plus optional profile columns site, diagnosis and
/// diagnosisDate (yyyy-MM-dd). Volumes are converted to mL (1 mL = 1000 mm^3).
/// </summary>
public static partial class CohortCsv
{
    /// <summary>The rows grouped by subject in file order; errors name the line.</summary>
    public static (List<CohortSubject> Subjects, List<string> Errors) Parse(string text)
    {
        var errors = new List<string>();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var headerIndex = lines.FindIndex(l => l.Trim().Length > 0);
        if (headerIndex < 0)
        {
            errors.Add("the file is empty");
            return ([], errors);
        }

        var separator = lines[headerIndex].Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var header = lines[headerIndex].Split(separator).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var subject = Column(header, "subject", "id");
        var time = Column(header, "time", "day", "days");
        var volume = Column(header, "volume", "observation", "volumemm3");
        var site = Column(header, "site");
        var diagnosis = Column(header, "diagnosis");
        var diagnosisDate = Column(header, "diagnosisdate");
        if (subject < 0 || time < 0 || volume < 0)
        {
            errors.Add("the header needs subject (or id), time (or day) and volume (or observation) columns");
            return ([], errors);
        }

        var subjects = new Dictionary<string, CohortSubject>(StringComparer.Ordinal);
        for (var i = headerIndex + 1; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split(separator).Select(c => c.Trim()).ToArray();
            string Cell(int c) => c >= 0 && c < cells.Length ? cells[c] : "";
            var name = Cell(subject);
            if (!SubjectPattern().IsMatch(name)
                || !double.TryParse(Cell(time), NumberStyles.Float, CultureInfo.InvariantCulture, out var day) || day < 0
                || !double.TryParse(Cell(volume), NumberStyles.Float, CultureInfo.InvariantCulture, out var mm3) || !double.IsFinite(mm3))
            {
                errors.Add($"line {i + 1}: needs a subject of letters, digits, '-' or '_', a day >= 0 and a volume");
                continue;
            }

            if (!subjects.TryGetValue(name, out var s))
            {
                DateOnly? diagnosed = DateOnly.TryParseExact(Cell(diagnosisDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                s = new CohortSubject(name, NullIfEmpty(Cell(site)), NullIfEmpty(Cell(diagnosis)), diagnosed, []);
                subjects[name] = s;
            }

            s.Measurements.Add((day, mm3 / 1000.0));
        }

        return ([.. subjects.Values], errors);
    }

    private static int Column(List<string> header, params string[] names) => header.FindIndex(names.Contains);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();
}
