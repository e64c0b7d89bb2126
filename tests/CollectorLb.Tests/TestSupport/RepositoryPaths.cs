using System.Reflection;

namespace CollectorLb.Tests.TestSupport;

/// <summary>Files of the repository these tests were built from, found by walking up to the solution file.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A file of a project under <c>src</c> as built in the same configuration as these tests.</summary>
    public static string BuildOutput(string project, string file) =>
        Combine("src", project, "bin", typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "net10.0", file);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CollectorLb.Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No CollectorLb.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
