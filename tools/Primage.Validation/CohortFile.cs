using System.Globalization;

namespace Primage.Validation;

/// <summary>
/// Reads a cohort file: tab-separated, a header line, then subject id, time (days), volume (mm^3).
/// Rows with a non-positive volume are dropped (the breast file has two zeros, which no growth law
/// with a positive initial volume can produce and which the authors also dropped).
/// </summary>
internal static class CohortFile
{
    public static (IReadOnlyList<CohortSubject> Subjects, int DroppedRows) Read(string path)
    {
        var rows = new List<(string Id, double Day, double Volume)>();
        var dropped = 0;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length < 3)
            {
                throw new FormatException($"Expected three tab-separated columns: '{line}'.");
            }

            var day = double.Parse(parts[1], CultureInfo.InvariantCulture);
            var volume = double.Parse(parts[2], CultureInfo.InvariantCulture);
            if (!(volume > 0))
            {
                dropped++;
                continue;
            }

            rows.Add((parts[0].Trim(), day, volume));
        }

        var subjects = rows
            .GroupBy(r => r.Id)
            .Select(g =>
            {
                var ordered = g.OrderBy(r => r.Day).ToArray();
                return new CohortSubject(g.Key, ordered.Select(r => r.Day).ToArray(), ordered.Select(r => r.Volume).ToArray());
            })
            .OrderBy(s => int.TryParse(s.Id, out var n) ? n : int.MaxValue)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        return (subjects, dropped);
    }
}
