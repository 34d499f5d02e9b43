namespace Primage.Testing;

/// <summary>Files of the repository the tests run from (the folder holding Primage.sln).</summary>
public static class RepositoryFiles
{
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Primage.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Primage.sln not found above the test directory");
    }

    /// <summary>A file of validation/data/tumour-growth.</summary>
    public static string TumourGrowth(string file) => Path.Combine(Root(), "validation", "data", "tumour-growth", file);
}
