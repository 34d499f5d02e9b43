namespace Primage.Endpoints;

/// <summary>A tab-separated table with a header row.</summary>
internal static class Tsv
{
    public static List<Dictionary<string, string>> Read(FileInfo file)
    {
        var lines = File.ReadAllLines(file.FullName).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split('\t');
        return [.. lines.Skip(1).Select(l =>
        {
            var cells = l.Split('\t');
            return header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : string.Empty)).ToDictionary(x => x.h, x => x.v);
        })];
    }
}
