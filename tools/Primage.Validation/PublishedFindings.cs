namespace Primage.Validation;

/// <summary>The "Published findings" bullet list of the README.md beside a cohort file, if there is one.</summary>
internal static class PublishedFindings
{
    public static IReadOnlyList<string> Read(string dataFile)
    {
        var readme = Path.Combine(Path.GetDirectoryName(dataFile) ?? ".", "README.md");
        if (!File.Exists(readme))
        {
            return ["(no README.md beside the data file)"];
        }

        var lines = File.ReadAllLines(readme);
        var start = Array.FindIndex(lines, l => l.StartsWith("Published findings", StringComparison.OrdinalIgnoreCase));
        if (start < 0)
        {
            return ["(the README has no \"Published findings\" section)"];
        }

        var result = new List<string>();
        for (var i = start + 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("- ", StringComparison.Ordinal) || (lines[i].StartsWith("  ", StringComparison.Ordinal) && result.Count > 0))
            {
                result.Add(lines[i]);
            }
            else if (result.Count > 0)
            {
                break;
            }
        }

        return result;
    }
}
